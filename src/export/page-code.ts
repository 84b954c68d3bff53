import type { AnyArchitecture } from '../architecture/types';
import { defaultNetwork } from '../live/prepared';
import { architectureCode } from './tfjs-code';

const written = new Map<string, Promise<{ code: string; configName: string }>>();

/**
 * Build time: the TensorFlow.js module that builds the network an architecture's page shows by default
 * (src/live/prepared.ts, defaultNetwork), for the page's "Use this network" and the file
 * `code/<id>.mjs`. Memoised: both come from one generation.
 */
export function pageCode(architecture: AnyArchitecture): Promise<{ code: string; configName: string }> {
  let code = written.get(architecture.id);
  if (!code) {
    const { config, configName } = defaultNetwork(architecture);
    code = architectureCode(architecture, config, configName).then((text) => ({ code: text, configName }));
    written.set(architecture.id, code);
  }
  return code;
}
