const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids from outside (URLs, tool input) are checked before they reach a uuid column: a bad id is "not found", never a cast error. */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}
