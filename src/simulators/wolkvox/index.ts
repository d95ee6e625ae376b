/** The Wolkvox simulator: loopback server, operation model, demo. */
export { WolkvoxSimulator, type FailureMode, type RequestRecord, type SimReport, type TokenStats, type WolkvoxSimOptions } from './server';
export { SimTeam, simAgent, simSkill, seeded, GOOD_NETWORK, type SimAgent, type SimLine, type SimNetwork, type SimSkill } from './team';
export { stepTeam } from './drift';
export { agentsBody, latencyBody, skillsBody } from './reports';
export { demoTeam, startDemoWolkvox } from './demo';
