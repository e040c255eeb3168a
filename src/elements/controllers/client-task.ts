import { initialState, Task, type TaskConfig, type TaskFunctionOptions } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';
import type { MobileFlowClient } from '../../api/index.js';

/** @internal What a clientTask loads: the client comes first, then the task's own arguments. */
export interface ClientTaskConfig<A extends ReadonlyArray<unknown>, R> extends Omit<
  TaskConfig<[MobileFlowClient | undefined, ...A], R>,
  'task' | 'args'
> {
  task: (client: MobileFlowClient, args: A, options: TaskFunctionOptions) => Promise<R>;
  /** The task's own arguments; a change of any of them, or of the client, runs the task again. */
  args?: () => A;
}

/**
 * @internal A Task that loads through the element's client (`client`, read at each update) and stays initial while there is none: an element without a
 * provider or a `base-url` has nothing to load yet, which is not an error.
 */
export function clientTask<A extends ReadonlyArray<unknown>, R>(
  host: ReactiveControllerHost,
  client: () => MobileFlowClient | undefined,
  { task, args, ...config }: ClientTaskConfig<A, R>,
): Task<[MobileFlowClient | undefined, ...A], R> {
  return new Task(host, {
    ...config,
    task: ([current, ...rest], options) => (current ? task(current, rest as unknown as A, options) : initialState),
    args: () => [client(), ...(args?.() ?? ([] as unknown as A))] as [MobileFlowClient | undefined, ...A],
  });
}
