import type { CrowdingSeries, Result, SharePoint } from './market-types';

/**
 * A venue's two long-share series (accounts, top traders) fetched side by side, as one crowding
 * answer: the first failure stands for both, since the figures are refreshed together.
 */
export async function bothShares(
  accounts: Promise<Result<SharePoint[]>>,
  topPositions: Promise<Result<SharePoint[]>>,
  paths: { accounts: string; topPositions: string },
): Promise<Result<CrowdingSeries>> {
  const [a, top] = await Promise.all([accounts, topPositions]);
  if (!a.ok) return a;
  if (!top.ok) return top;
  return { ok: true, value: { accounts: a.value, topPositions: top.value, source: `${paths.accounts} + ${paths.topPositions}`, fetchedAt: Date.now() } };
}
