export * from './report-input';
export * from './run-report';
export * from './assumptions-in-force';
export * from './junit-report';
export * from './html-report';
export * from './write-report';
export { formatSimTime, simInstant } from './sim-time';
export { toolInfo, findToolInfo } from './tool-info';
export type { ToolInfo } from './tool-info';
