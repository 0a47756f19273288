import { useRef } from 'react';

/** What the page asks of an item's comment box: the text as typed (saved or not), and the focus. */
export interface CommentBox {
  text: string;
  focus: () => void;
}

/**
 * The comment boxes of the items in view, by item: the shortcuts a and r decide with the comment as typed,
 * and c moves into it. Each box registers itself (a ref) while it is rendered.
 */
export function useCommentBoxes() {
  const boxes = useRef(new Map<string, CommentBox>());
  return {
    register: (itemId: string) => (box: CommentBox | null) => {
      if (box) boxes.current.set(itemId, box);
      else boxes.current.delete(itemId);
    },
    text: (itemId: string) => boxes.current.get(itemId)?.text,
    focus: (itemId: string) => boxes.current.get(itemId)?.focus(),
  };
}
