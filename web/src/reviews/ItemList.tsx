import { useMediaQuery } from '@mantine/hooks';
import type { Virtualizer } from '@tanstack/react-virtual';
import type { RefObject } from 'react';
import { PHONE_QUERY } from '../common/phone';
import { ItemCards } from './ItemCards';
import { ItemTable, type ItemListProps } from './ItemTable';

/** The reviewer's items: a table on a wide screen, cards on a phone (a 874 px table does not fit 390 px). */
export function ItemList(
  props: ItemListProps & {
    scrollRef: RefObject<HTMLDivElement | null>;
    virtualizer: Virtualizer<HTMLDivElement, Element>;
  },
) {
  const phone = useMediaQuery(PHONE_QUERY, undefined, { getInitialValueInEffect: false });
  return phone ? <ItemCards {...props} /> : <ItemTable {...props} />;
}
