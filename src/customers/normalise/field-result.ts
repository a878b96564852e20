/** The outcome of normalising one field: the value to store, or why it was refused. */
export type FieldResult<T = string> = { ok: true; value: T } | { ok: false; message: string };

export const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
export const refuse = (message: string): FieldResult<never> => ({ ok: false, message });
