/**
 * Maps an async sequence, loading the next item while the caller works on the current one: the
 * database answers one chunk's queries while the process handles the chunk before it.
 */
export async function* oneAhead<T, R>(
  source: AsyncIterable<T>,
  load: (item: T) => Promise<R>,
): AsyncGenerator<R> {
  const items = source[Symbol.asyncIterator]();
  const step = async (): Promise<{ value: R } | null> => {
    const item = await items.next();
    return item.done ? null : { value: await load(item.value) };
  };
  let next = step();
  try {
    for (;;) {
      const current = await next;
      if (!current) return;
      next = step();
      next.catch(() => undefined); // awaited in the next turn, or below when the caller stops early
      yield current.value;
    }
  } finally {
    await next.catch(() => undefined);
    await items.return?.();
  }
}
