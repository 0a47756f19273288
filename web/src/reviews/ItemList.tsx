import { useMediaQuery } from '@mantine/hooks';
import { PHONE_QUERY } from '../common/phone';
import { ItemCards } from './ItemCards';
import { ItemTable } from './ItemTable';
import type { VirtualItemListProps } from './VirtualItems';

/** The reviewer's items: a table on a wide screen, cards on a phone (a 874 px table does not fit 390 px). */
export function ItemList(props: VirtualItemListProps) {
  const phone = useMediaQuery(PHONE_QUERY, undefined, { getInitialValueInEffect: false });
  return phone ? <ItemCards {...props} /> : <ItemTable {...props} />;
}
