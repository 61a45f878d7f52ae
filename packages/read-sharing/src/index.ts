export { oncePerKey, sharedWhileRunning, type OncePerKey } from './once-per-key';
export { RecentReads, type RecentReadsOptions } from './recent-reads';
