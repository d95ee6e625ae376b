/**
 * The rule every source follows (CONTRACT.md): plain `http://`/`ws://` only to a loopback host unless
 * the source says `allowInsecure`. The settings refuse such a source when it is saved or loaded; the
 * connector checks again before it sends the access token anywhere, since the token would cross the
 * network in clear.
 */
import { insecureUrlProblem, urlParts, type CollectorSourceConfig } from '../../../shared/sources';
import { configError, type ConnectorError } from '../errors';
import { LABEL } from './config';

export function insecureAddress(cfg: CollectorSourceConfig): ConnectorError | null {
  const found = insecureUrlProblem(cfg);
  if (!found) return null;
  const scheme = urlParts(cfg.url)?.scheme ?? 'http';
  return configError(`${LABEL}: ${found.field}: ${found.message}`).as('insecure_address', { scheme });
}
