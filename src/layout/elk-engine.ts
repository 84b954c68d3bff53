import type { ElkNode } from 'elkjs/lib/elk-api';
// @ts-expect-error: elk-worker.min.js is CommonJS with no declarations of its own (its Worker is typed below as EngineClass).
import { Worker as ElkWorker } from 'elkjs/lib/elk-worker.min.js';

/** The engine inside elkjs, as elk-api.js talks to it: a message in, an answer out. */
interface EngineAnswer {
  readonly data?: ElkNode;
  readonly error?: unknown;
}
interface Engine {
  onmessage: (message: { data: EngineAnswer }) => void;
  readonly dispatcher: { saveDispatch(message: { data: Record<string, unknown> }): void };
}
type EngineClass = new () => Engine;

const ALGORITHMS = ['layered'];

/**
 * Lays out an ELK graph with ELK's own engine, synchronously. elkjs's promise API (`new ELK().layout`)
 * re-registers the algorithms for every `ELK` instance and sends every call through two
 * `setTimeout(0)` hops: for our small diagrams that was 5 of the 7 ms a layout took (bench/REPORT.md).
 * We speak the engine's message protocol (`register`, then `layout`) directly, the same messages
 * elk-api.js sends, and keep one registered engine: a layout reads nothing but the graph it is given
 * (ELK seeds its random choices per layout), so sharing the engine cannot change a result — the
 * committed diagrams are byte-identical either way.
 */
export function layoutWithElk(graph: ElkNode): ElkNode {
  const engine = registeredEngine();
  let answer: EngineAnswer | undefined;
  engine.onmessage = ({ data }) => {
    answer = data;
  };
  engine.dispatcher.saveDispatch({ data: { cmd: 'layout', id: 0, graph } });
  if (!answer) throw new Error('ELK gave no answer to a layout request');
  if (answer.error !== undefined) throw new Error(`ELK could not lay out the diagram: ${describeError(answer.error)}`);
  return answer.data!;
}

let engine: Engine | undefined;

function registeredEngine(): Engine {
  if (engine) return engine;
  // Imported statically, so bundlers see it: the same engine lays out in Node and in a browser worker
  // (src/live/diagram-worker.ts). Loaded in a web worker, elk-worker.min.js also makes itself that
  // worker's `onmessage` handler; diagram-worker.ts takes the handler back.
  const created = new (ElkWorker as EngineClass)();
  let failure: unknown;
  created.onmessage = ({ data }) => {
    failure = data.error;
  };
  created.dispatcher.saveDispatch({ data: { cmd: 'register', id: 0, algorithms: ALGORITHMS } });
  if (failure !== undefined) throw new Error(`ELK could not register ${ALGORITHMS.join(', ')}: ${describeError(failure)}`);
  engine = created;
  return created;
}

/** ELK's errors are Java exceptions compiled by GWT: the message sits in `g` when there is no `message`. */
function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  const java = error as { g?: unknown } | null;
  return typeof java?.g === 'string' ? java.g : String(error);
}
