/**
 * `npm run demo` / the tray app's demo mode: the Axialys simulator on loopback (Socket.IO v2, as the
 * vendor's documentation era suggests; the connector detects it) with a living demo team, and the
 * source config that points at it.
 */
import type { SourceConfig } from '../../shared/sources';
import { AxialysSimulator } from './server';
import { DemoTeam } from './demo-team';

export const DEMO_LOGIN = 'demo.superviseur';
export const DEMO_PASSWORD = 'demo-axialys-password';

export async function startDemoAxialys(): Promise<{ sources: SourceConfig[]; stop(): Promise<void> }> {
  const sim = await new AxialysSimulator({ socketIo: 'v2', login: DEMO_LOGIN, password: DEMO_PASSWORD }).start();
  const team = new DemoTeam(sim);
  team.start();
  return {
    sources: [
      {
        id: 'demo-axialys',
        vendor: 'axialys',
        name: 'Axialys (demo)',
        mode: 'supervisor',
        login: DEMO_LOGIN,
        password: DEMO_PASSWORD,
        authUrl: sim.authUrl,
        tokenUrl: sim.tokenUrl,
        socketUrl: sim.origin,
        socketIo: 'auto',
      },
    ],
    stop: async () => {
      team.stop();
      await sim.stop();
    },
  };
}
