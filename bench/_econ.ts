import { requestEconomy } from './economy';
const m = Number(process.argv[2]);
for (const r of await requestEconomy(m)) if (r.venue === 'gmx') console.log(m, r.venue, r.oneTab, r.tenTabs, (r.shareOfLimit * 100).toFixed(2) + '%', r.ratio);
