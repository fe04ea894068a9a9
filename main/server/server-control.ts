import { listenPlan, type ListenInputs, type ListenPlan } from './container-access';
import type { Listening, ListenConfig } from './listener';
import type { CredentialService } from './service';

function sameConfig(a: ListenConfig, b: ListenConfig): boolean {
  return (
    a.port === b.port &&
    a.tls?.cert === b.tls?.cert &&
    a.tls?.key === b.tls?.key &&
    (a.extraAddresses ?? []).join() === (b.extraAddresses ?? []).join()
  );
}

/**
 * Keeps the listener in step with what decides it (port, TLS, token on/off, container access).
 * Every change goes through `update`, one at a time, and becomes one `CredentialServer.apply`:
 * the listener restarts in place and the slots, living in the app, are untouched.
 */
export class ServerControl {
  private queue: Promise<unknown> = Promise.resolve();
  private applied: ListenConfig | undefined;

  constructor(
    private readonly service: CredentialService,
    private inputs: ListenInputs,
  ) {}

  plan(): ListenPlan {
    return listenPlan(this.inputs);
  }

  /** Sets inputs without listening: how to listen is decided before `start`. */
  configure(change: Partial<ListenInputs>): void {
    this.inputs = { ...this.inputs, ...change };
  }

  /** Starts listening (or listens again, after a failure) with the current inputs. */
  async start(): Promise<Listening> {
    return (await this.serially(() => this.reapply({}, true)))!;
  }

  /** Changes some inputs and re-listens if that changes how to listen; resolves once it has (undefined: nothing to change). */
  update(change: Partial<ListenInputs>): Promise<Listening | undefined> {
    return this.serially(() => this.reapply(change, false));
  }

  private serially(work: () => Promise<Listening | undefined>): Promise<Listening | undefined> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async reapply(change: Partial<ListenInputs>, force: boolean): Promise<Listening | undefined> {
    this.inputs = { ...this.inputs, ...change };
    const plan = listenPlan(this.inputs);
    const running = this.service.server.status();
    // Port 0 means "any free port" once; after that, restarts keep the port clients were given.
    const port = plan.config.port === 0 && running.port !== undefined ? running.port : plan.config.port;
    const config = { ...plan.config, port };
    if (!force && running.listening && this.applied && sameConfig(config, this.applied)) return undefined;
    // Narrow the Host check before dropping an address, widen it only after adding one.
    const widening = plan.hostnames.length > 0;
    if (!widening) this.service.setExtraHostnames(plan.hostnames);
    const listening = await this.service.server.apply(config);
    this.applied = { ...config, port: listening.port };
    if (widening) this.service.setExtraHostnames(plan.hostnames);
    return listening;
  }
}
