/**
 * The shapes every side checks the same way: a venue's market symbol as it travels between the
 * page, the background and the pages of the extension, and a wallet address a venue's public
 * positions API answers for (Hyperliquid's 0x… account, dYdX's bech32 `dydx1…` address).
 */
export const SYMBOL_PATTERN = /^[A-Za-z0-9._:-]{1,40}$/;
export const EVM_ADDRESS = /^0x[0-9a-fA-F]{40}$/;
export const DYDX_ADDRESS = /^dydx1[02-9ac-hj-np-z]{38}$/;
/** Either kind of wallet address: a literal, as the page's script carries it (tests/unit/protocol checks it is the two above). */
export const WALLET_ADDRESS = /^(?:0x[0-9a-fA-F]{40}|dydx1[02-9ac-hj-np-z]{38})$/;
