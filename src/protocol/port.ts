/**
 * The content script's long-lived port, on which the background serves panel views. A leaf of its
 * own: the page's script imports this and the message types, never the schemas (which name every
 * venue through the registry).
 */
export const PANEL_PORT = 'perplens-panel';
