/** A call that rejects with each of `errors` in turn, then resolves with its call count. */
export function failing(errors: Error[]) {
  let calls = 0;
  const run = () => {
    const error = errors[calls++];
    return error ? Promise.reject(error) : Promise.resolve(calls);
  };
  return { run, calls: () => calls };
}
