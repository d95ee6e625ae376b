/**
 * The Axialys Voice Management simulator: auth endpoints, Socket.IO v2/v4 notification server,
 * event builders and the demo team.
 */
export { AxialysSimulator, type AxialysSimOptions, type InitRecord } from './server';
export { frames, type SimEvent } from './frames';
export { DEFAULT_DIRECTORY, type SimDirectory } from './directory';
export { DemoTeam } from './demo-team';
export { startDemoAxialys } from './demo';
