export interface Platform { stop(): Promise<void> }
export async function startPlatform(): Promise<Platform> { throw new Error('not yet'); }
