/** Below every uuid: the keyset cursor of a listing that has not read a page yet. */
export const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * The lower bound of a keyset page over a uuid key: the cursor, or below everything. Used as a plain
 * range (`key > $bound`), never `cursor IS NULL OR key > cursor`, which keeps PostgreSQL from reading the
 * index in order from the cursor (at a million rows it read and sorted every remaining row per page).
 */
export const keysetFrom = (cursor: string | null | undefined): string => cursor ?? NIL_UUID;
