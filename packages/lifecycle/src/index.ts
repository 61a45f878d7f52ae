export {
  createServiceHttp,
  isGraphQLPost,
  type ReadinessCheck,
  type RunningServer,
  type ServiceHttp,
} from './http-server';
export {
  exitOnFatal,
  SHUTDOWN_TIMEOUT_MS,
  stopOnSignals,
  type Shutdown,
  type ShutdownStep,
} from './shutdown';
export { readJsonBody, type ReadRequest } from './json-request-body';
