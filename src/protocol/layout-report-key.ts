/** Where the last layout report waits for its preview (storage.session), and the options page's anchor for it. */
export const LAYOUT_REPORT_KEY = 'layout-report';
