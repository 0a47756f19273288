/** A moment as the reader's locale writes it, to the second: the story of an item is read by the minute. */
export const dateTime = (iso: string): string => new Date(iso).toLocaleString();
