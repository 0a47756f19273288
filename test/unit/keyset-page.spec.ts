import { bySerialId, encodeCursor, keysetPage } from '../../src/common/cursor';
import { DomainError } from '../../src/common/domain-error';

const rows = (ids: number[]) => ids.map((id) => ({ id: String(id) }));

describe('keysetPage (common/cursor.ts): one page of a listing in key order', () => {
  it('reads one row more than the page, and names the last row shown as the next cursor', async () => {
    const asked: [string | undefined, number][] = [];
    const page = await keysetPage(
      { limit: 2 },
      bySerialId,
      (after, n) => {
        asked.push([after?.id, n]);
        return Promise.resolve(rows([1, 2, 3]));
      },
      (shown) => shown.map((r) => Number(r.id)),
    );
    expect(asked).toEqual([[undefined, 3]]);
    expect(page).toEqual({ items: [1, 2], nextCursor: encodeCursor({ id: '2' }) });
  });

  it('goes on after the cursor, and ends when no extra row came', async () => {
    let after: string | undefined;
    const page = await keysetPage(
      { limit: 2, cursor: encodeCursor({ id: '2' }) },
      bySerialId,
      (a) => {
        after = a?.id;
        return Promise.resolve(rows([3]));
      },
      (shown) => shown.map((r) => r.id),
    );
    expect(after).toBe('2');
    expect(page).toEqual({ items: ['3'], nextCursor: null });
  });

  it('refuses a cursor it did not hand out before reading anything (400, field cursor)', async () => {
    let read = false;
    const refused = keysetPage(
      { limit: 2, cursor: encodeCursor({ id: 'not a number' }) },
      bySerialId,
      () => {
        read = true;
        return Promise.resolve(rows([]));
      },
      (shown) => shown,
    );
    await expect(refused).rejects.toBeInstanceOf(DomainError);
    await expect(refused).rejects.toMatchObject({ status: 400 });
    expect(read).toBe(false);
  });
});
