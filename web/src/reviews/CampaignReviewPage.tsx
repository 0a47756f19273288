import { Alert, Anchor, Loader, Stack, Text, Title } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { HistoryDrawer } from './HistoryDrawer';
import { ItemFilterBar } from './ItemFilterBar';
import { ItemList } from './ItemList';
import { LeaveGuard } from './LeaveGuard';
import { OfflineReview } from './OfflineReview';
import { useCampaignWorkspace, type CampaignWorkspace, type ReviewItem } from './queries';
import { CampaignNotice, ReviewHeader } from './ReviewHeader';
import { ReviewToolbar } from './ReviewToolbar';
import { ShortcutsHelp } from './ShortcutsHelp';
import { useCommentBoxes } from './useCommentBoxes';
import { useItemFilters } from './useItemFilters';
import { useReviewActions } from './useReviewActions';
import { useReviewShortcuts } from './useReviewShortcuts';
import { useSelection } from './useSelection';
import type { ItemListProps } from './VirtualItems';

const ROW_ESTIMATE = 76;

/** Seed 000's reviewer page: the items, a decision and a comment on each, Confirm Decisions. */
export function CampaignReviewPage() {
  const { campaignId = '' } = useParams();
  const workspace = useCampaignWorkspace(campaignId);
  if (workspace.isPending) return <Loader role="progressbar" aria-label="Loading the campaign" />;
  if (workspace.isError) {
    return (
      <Stack>
        <Title order={1}>This campaign cannot be opened</Title>
        <Alert color="red" role="alert">
          {workspace.error.message}
        </Alert>
        <Anchor component={Link} to="/">
          Back to My reviews
        </Anchor>
      </Stack>
    );
  }
  return <CampaignReview key={campaignId} campaignId={campaignId} workspace={workspace.data} />;
}

/** The page's parts, and the state they share: filters, selection, the active row, the open drawers. */
function CampaignReview({ campaignId, workspace }: { campaignId: string; workspace: CampaignWorkspace }) {
  const { campaign, items } = workspace;
  const actions = useReviewActions(campaignId, campaign.commentRequired);
  const { filters, setFilter, visible } = useItemFilters(items);
  const selection = useSelection(visible);
  const comments = useCommentBoxes();
  const [active, setActive] = useState(0);
  const [historyOf, setHistoryOf] = useState<ReviewItem | null>(null);
  const [help, setHelp] = useState(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const drafts = items.filter((i) => i.draft).length;
  const open = campaign.status === 'active';

  // eslint-disable-next-line react-hooks/incompatible-library -- its measurements are read during render only
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 12,
  });

  const focusRow = (index: number) => {
    const target = Math.max(0, Math.min(visible.length - 1, index));
    setActive(target);
    virtualizer.scrollToIndex(target, { align: 'auto' });
    requestAnimationFrame(() =>
      scrollRef.current?.querySelector<HTMLElement>(`[data-index="${target}"]`)?.focus(),
    );
  };
  const item = visible[active];
  const onItem = item && {
    a: open ? () => actions.decide(item, 'approve', { comment: comments.text(item.id) }) : undefined,
    r: open ? () => actions.decide(item, 'revoke', { comment: comments.text(item.id) }) : undefined,
    h: () => setHistoryOf(item),
    x: () => selection.toggle(item.id, !selection.selected.has(item.id)),
    c: () => comments.focus(item.id),
  };
  useReviewShortcuts({
    'Mod+Enter': () => drafts > 0 && actions.confirm.mutate(),
    ArrowDown: () => focusRow(active + 1),
    j: () => focusRow(active + 1),
    ArrowUp: () => focusRow(active - 1),
    k: () => focusRow(active - 1),
    '?': () => setHelp(true),
    '/': () => searchRef.current?.focus(),
    ...onItem,
  });

  /** What the list shows (a table, or cards on a phone): one call, so either presentation takes the same props. */
  const listProps: ItemListProps = {
    items: visible,
    kind: campaign.type,
    allSelected: selection.allSelected,
    someSelected: selection.someSelected,
    onSelectAll: selection.selectAll,
    rowProps: (item, index) => ({
      item,
      index,
      active: index === active,
      selected: selection.selected.has(item.id),
      open,
      selfDelegation: campaign.allowSelfDelegation,
      error: actions.rowErrors[item.id],
      commentBox: comments.register(item.id),
      onSelect: (on) => selection.toggle(item.id, on),
      onActivate: () => setActive(index),
      onDecide: (d, details) => actions.decide(item, d, details),
      onComment: (text) => actions.saveComment(item, text),
      onHistory: () => setHistoryOf(item),
    }),
  };

  return (
    <Stack gap="sm">
      <ReviewHeader campaign={campaign} />
      {campaign.offlineReview && <OfflineReview campaignId={campaignId} open={open} />}
      <CampaignNotice status={campaign.status} />
      {actions.pageError && (
        <Alert color="red" role="alert" withCloseButton onClose={() => actions.setPageError(null)}>
          {actions.pageError}
        </Alert>
      )}
      <ItemFilterBar
        items={items}
        drafts={drafts}
        filters={filters}
        setFilter={setFilter}
        searchRef={searchRef}
      />
      <ReviewToolbar
        items={items}
        drafts={drafts}
        open={open}
        commentRequired={campaign.commentRequired}
        selection={selection}
        actions={actions}
        onHelp={() => setHelp(true)}
      />
      <Text size="xs" c="dimmed" aria-live="polite">
        {visible.length} of {items.length} items shown
      </Text>
      <ItemList {...listProps} scrollRef={scrollRef} virtualizer={virtualizer} />
      <HistoryDrawer item={historyOf} onClose={() => setHistoryOf(null)} />
      <ShortcutsHelp opened={help} onClose={() => setHelp(false)} />
      <LeaveGuard drafts={drafts} />
    </Stack>
  );
}
