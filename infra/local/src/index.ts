export { ensureChromium } from './chromium';
export { startProviders, type Profile, type Providers } from './providers';
export { startTestMailbox, type TestMailbox } from './test-mailbox';
export { startSmsInbox, type Sms, type SmsInbox } from './sms-inbox';
export { startPlatform, type Platform } from './platform';
export { eventually, graphqlData, graphqlRequest, type GraphQLResponse } from './gateway-client';
export { cacheDir } from './paths';
export { startTestPlatform, TEST_PUBLIC_URL, type TestPlatform } from './test-platform';
export * from './portal-actions';
