import { Badge, Button, Text, TextInput, type BadgeProps, type TextInputProps } from '@mantine/core';
import { useImperativeHandle, useRef, useState } from 'react';
import { LedgerText } from '../common/LedgerText';
import { DECIDABLE, DECISION_COLOR, decisionLabel, effectiveDecision } from './decisions';
import { ForwardPicker } from './ForwardPicker';
import { formatDate } from '../common/format';
import type { ItemRowProps } from './ItemRow';
import type { Decision, ReviewItem } from './queries';
import { subjectLabel } from './subject';
import { UpdatePicker } from './UpdatePicker';

/**
 * What a row and a card share about one item: its decision, whether it may be decided, and the comment box's
 * text — the draft's comment, else the confirmed one, until the reviewer types; with the saved text, to tell
 * whether it changed.
 */
export function useItemState(p: ItemRowProps) {
  const { item } = p;
  const savedComment = item.draft ? (item.draft.comment ?? '') : (item.comment ?? '');
  const [comment, setComment] = useState(savedComment);
  // A newly saved comment (this page's, or another device's) replaces what the box shows, during render.
  const [shown, setShown] = useState(savedComment);
  if (shown !== savedComment) {
    setShown(savedComment);
    setComment(savedComment);
  }
  return {
    current: effectiveDecision(item),
    decidable: p.open && DECIDABLE.includes(item.status),
    comment,
    setComment,
    savedComment,
    who: subjectLabel(item),
  };
}

type ItemState = ReturnType<typeof useItemState>;

/** The four decisions, with the comment as typed; `fullWidth` for the phone's cards. */
export function DecisionButtons({ p, s, fullWidth }: { p: ItemRowProps; s: ItemState; fullWidth?: boolean }) {
  const decide = (d: Decision) => (
    <Button
      fullWidth={fullWidth}
      size={fullWidth ? 'md' : 'compact-xs'}
      mih={fullWidth ? 48 : undefined}
      variant={s.current === d ? 'filled' : 'default'}
      color={DECISION_COLOR[d]}
      aria-pressed={s.current === d}
      disabled={!s.decidable}
      onClick={() => p.onDecide(d, { comment: s.comment })}
    >
      {decisionLabel(d, p.item.kind)}
    </Button>
  );
  return (
    <>
      {decide('approve')}
      {decide('revoke')}
      <UpdatePicker
        fullWidth={fullWidth}
        active={s.current === 'update'}
        disabled={!s.decidable}
        onUpdate={(endDate) => p.onDecide('update', { comment: s.comment, endDate })}
      />
      <ForwardPicker
        fullWidth={fullWidth}
        active={s.current === 'forward'}
        disabled={!s.decidable}
        selfDelegation={p.selfDelegation}
        onForward={(forwardTo, forwardReason) =>
          p.onDecide('forward', { comment: s.comment, forwardTo, forwardReason })
        }
      />
    </>
  );
}

/** The comment box: saved when it loses focus, if the item has a draft and the text changed. */
export function CommentInput({
  p,
  s,
  ...input
}: { p: ItemRowProps; s: ItemState } & Pick<TextInputProps, 'size' | 'style'>) {
  const box = useRef<HTMLInputElement>(null);
  useImperativeHandle(p.commentBox, () => ({ text: s.comment, focus: () => box.current?.focus() }), [
    s.comment,
  ]);
  return (
    <TextInput
      {...input}
      ref={box}
      aria-label={`Comment on ${s.who}`}
      placeholder="Comment"
      value={s.comment}
      disabled={!s.decidable}
      onChange={(e) => s.setComment(e.currentTarget.value)}
      onBlur={() => p.item.draft && s.comment !== s.savedComment && p.onComment(s.comment)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur();
        // The page's shortcuts (a, r, j, k…) are text in the comment box.
        e.stopPropagation();
      }}
    />
  );
}

/** The draft decision not yet confirmed: which, until when, to whom. */
export function DraftBadge({ item, ...badge }: { item: ReviewItem } & Pick<BadgeProps, 'size' | 'styles'>) {
  if (!item.draft) return null;
  return (
    <Badge {...badge} variant="outline" color="grape">
      Draft: {decisionLabel(item.draft.decision, item.kind)}
      {item.draft.endDate ? ` until ${formatDate(item.draft.endDate)}` : ''}
      {item.draft.forwardTo && (
        <>
          {' to '}
          <LedgerText>{item.draft.forwardTo}</LedgerText>
        </>
      )}
    </Badge>
  );
}

/** Why the last action on the item failed, announced. */
export function ItemError({ error, size }: { error?: string; size: 'xs' | 'sm' }) {
  return error ? (
    <Text size={size} c="red" role="alert">
      {error}
    </Text>
  ) : null;
}
