/** `%text%` for ILIKE, the text's own wildcards and backslashes taken literally. */
export const containing = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
