export {
  createServiceHttp,
  type ReadinessCheck,
  type RunningServer,
  type ServiceHttp,
} from './http-server';
export { exitOnFatal, stopOnSignals, type ShutdownStep } from './shutdown';
