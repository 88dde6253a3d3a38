import browser, { type Runtime } from 'webextension-polyfill';
import { parseRequest } from '../messages';
import { route } from './router';

// Only the extension's own contexts may ask: a message from another extension or a web page
// (there is no externally_connectable, but the check costs nothing) is ignored.
function fromOwnExtension(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id;
}

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (!fromOwnExtension(sender)) return undefined;
  const request = parseRequest(message);
  if (!request) return undefined;
  return route(request);
});
