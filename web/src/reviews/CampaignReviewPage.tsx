import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Loader,
  Modal,
  Progress,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useBlocker, useParams, useSearchParams } from 'react-router';
import { ConfirmDialog, type ConfirmRequest } from '../common/ConfirmDialog';
import { showControls } from '../common/LedgerText';
import { BulkConfirm, type BulkRequest } from './BulkConfirm';
import { DECIDABLE, needsComment, STATUS_LABEL } from './decisions';
import { applyFilters, filtersFromParams, filtersToParams, type ItemFilters } from './filters';
import { formatDate, fromNow } from './format';
import { HistoryDrawer } from './HistoryDrawer';
import type { ItemRowProps } from './ItemRow';
import { ItemList } from './ItemList';
import type { ItemListProps } from './VirtualItems';
import { OfflineReview } from './OfflineReview';
import { useCampaignWorkspace, type CampaignWorkspace, type Decision, type ReviewItem } from './queries';
import { ShortcutsHelp } from './ShortcutsHelp';
import { useReviewActions } from './useReviewActions';

const ROW_ESTIMATE = 76;

/** Why decisions are not taken now, in words that match what happens next. */
function campaignNotice(status: string): string {
  if (status === 'paused')
    return 'This campaign is paused: decisions are not accepted until it is active again.';
  if (status === 'init') return 'This campaign is starting: decisions are accepted once it is active.';
  if (status === 'cancelled') return 'This campaign was cancelled: these are the decisions as they stood.';
  return 'This campaign is closed: these are your decisions as recorded; nothing can be changed.';
}

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

function CampaignReview({ campaignId, workspace }: { campaignId: string; workspace: CampaignWorkspace }) {
  const { campaign, items } = workspace;
  const actions = useReviewActions(campaignId);
  const [params, setParams] = useSearchParams();
  const [filters, setFilters] = useState<ItemFilters>(() => filtersFromParams(params));
  /** The value is read from the event before it is stored: an updater runs after React let go of the event. */
  const setFilter = <K extends keyof ItemFilters>(key: K, value: ItemFilters[K]) =>
    setFilters((f) => ({ ...f, [key]: value }));
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [active, setActive] = useState(0);
  const [historyOf, setHistoryOf] = useState<ReviewItem | null>(null);
  const [help, setHelp] = useState(false);
  const [bulkRequest, setBulkRequest] = useState<BulkRequest | null>(null);
  const [confirmRequest, setConfirmRequest] = useState<ConfirmRequest | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  /** The comment box of an item's row, as typed (saved with a decision, or not yet). */
  const commentBox = (itemId: string) =>
    scrollRef.current?.querySelector<HTMLInputElement>(
      `[data-item-id="${itemId}"] input[aria-label^="Comment"]`,
    );

  const visible = useMemo(() => applyFilters(items, filters), [items, filters]);
  const drafts = items.filter((i) => i.draft).length;
  const open = campaign.status === 'active';

  // The filters live in the address too (replaced, not pushed: typing must not fill the history), so a
  // reload or a shared link shows the same rows.
  useEffect(() => {
    const next = filtersToParams(filters);
    if (next.toString() !== params.toString()) setParams(next, { replace: true });
  }, [filters, params, setParams]);

  // eslint-disable-next-line react-hooks/incompatible-library -- its measurements are read during render only
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 12,
  });

  // Leaving with unconfirmed drafts: the browser asks (reload, close), and so does the app (links).
  useEffect(() => {
    if (drafts === 0) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [drafts]);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => drafts > 0 && currentLocation.pathname !== nextLocation.pathname,
  );

  const counts: Record<string, number> = {};
  for (const i of items) counts[i.status] = (counts[i.status] ?? 0) + 1;
  const decided = campaign.total - campaign.pending;
  const applications = [...new Map(items.map((i) => [i.application.key, i.application.name])).entries()]
    .sort((a, b) => a[1].localeCompare(b[1]))
    .map(([value, label]) => ({ value, label: showControls(label) }));

  const decide = (
    item: ReviewItem,
    decision: Decision,
    details: Partial<Parameters<ItemRowProps['onDecide']>[1]> = {},
  ) => {
    const comment = (details.comment ?? item.draft?.comment ?? item.comment ?? '').trim() || null;
    if (needsComment(campaign.commentRequired, decision) && !comment) {
      // The focus stays where it is: moved into the comment box, the next shortcut (c) would be typed there.
      actions.setRowError(
        item.id,
        `Write a comment first (press c or click the comment box): this campaign asks for one to ${decision === 'revoke' ? 'revoke' : 'decide'}.`,
      );
      return;
    }
    actions.saveDraft.mutate({ item, draft: { ...details, decision, comment } });
  };
  // A changed comment is saved with the draft it belongs to; before a decision it waits in the row.
  const comment = (item: ReviewItem, text: string) => {
    if (!item.draft) return;
    actions.saveDraft.mutate({
      item,
      draft: {
        decision: item.draft.decision,
        comment: text,
        endDate: item.draft.endDate,
        forwardTo: item.draft.forwardTo,
        forwardReason: item.draft.forwardReason,
      },
    });
  };

  const selectable = visible.filter((i) => DECIDABLE.includes(i.status));
  const allSelected = selectable.length > 0 && selectable.every((i) => selected.has(i.id));
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const bulk = (decision: 'approve' | 'revoke', targets: ReviewItem[]) => {
    if (targets.length === 0) return;
    if (needsComment(campaign.commentRequired, decision)) {
      actions.setPageError(`This campaign requires a comment to ${decision}: decide those items one by one.`);
      return;
    }
    setBulkRequest({
      decision,
      items: targets,
      run: (chosen) =>
        actions.decideNow.mutate(
          chosen.map((i) => ({ itemId: i.id, decision })),
          { onSuccess: () => setSelected(new Set()) },
        ),
    });
  };
  const recommended = items.filter(
    (i) => i.recommendation === 'recommended' && i.status === 'to_be_reviewed' && !i.draft,
  );
  const askDiscard = () => {
    const withComment = items.filter((i) => i.draft?.comment).length;
    setConfirmRequest({
      title: `Discard ${drafts} unconfirmed ${drafts === 1 ? 'decision' : 'decisions'}?`,
      body: (
        <Text size="sm">
          {drafts === 1 ? 'This draft' : `These ${drafts} drafts`}
          {withComment > 0
            ? ` and ${withComment} ${withComment === 1 ? 'comment' : 'comments'} with them`
            : ''}{' '}
          will be dropped: the items go back to their last confirmed decision. This cannot be undone.
        </Text>
      ),
      confirmLabel: `Discard ${drafts}`,
      color: 'red.9',
      run: () => actions.discard.mutateAsync(),
    });
  };

  const focusRow = (index: number) => {
    const target = Math.max(0, Math.min(visible.length - 1, index));
    setActive(target);
    virtualizer.scrollToIndex(target, { align: 'auto' });
    requestAnimationFrame(() =>
      scrollRef.current?.querySelector<HTMLElement>(`[data-index="${target}"]`)?.focus(),
    );
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.target as HTMLElement).closest('input, textarea, [role="dialog"]') && e.key !== 'Escape') return;
    const item = visible[active];
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      if (drafts > 0) actions.confirm.mutate();
    } else if (e.key === 'ArrowDown' || e.key === 'j') focusRow(active + 1);
    else if (e.key === 'ArrowUp' || e.key === 'k') focusRow(active - 1);
    else if (e.key === '?') setHelp(true);
    else if (e.key === '/') searchRef.current?.focus();
    else if (!item) return;
    else if (e.key === 'a' && open) decide(item, 'approve', { comment: commentBox(item.id)?.value });
    else if (e.key === 'r' && open) decide(item, 'revoke', { comment: commentBox(item.id)?.value });
    else if (e.key === 'h') setHistoryOf(item);
    else if (e.key === 'x') toggle(item.id, !selected.has(item.id));
    else if (e.key === 'c') commentBox(item.id)?.focus();
    else return;
    e.preventDefault();
  };

  // Shortcuts work wherever the focus is on the page, except while typing.
  useEffect(() => {
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  });

  /** What the list shows (as a table here): one call, so another presentation can take the same props. */
  const listProps: ItemListProps = {
    items: visible,
    kind: campaign.type,
    allSelected,
    someSelected: selectable.some((i) => selected.has(i.id)),
    onSelectAll: (on) => setSelected(on ? new Set(selectable.map((i) => i.id)) : new Set()),
    rowProps: (item, index) => ({
      item,
      index,
      active: index === active,
      selected: selected.has(item.id),
      open,
      selfDelegation: campaign.allowSelfDelegation,
      error: actions.rowErrors[item.id],
      onSelect: (on) => toggle(item.id, on),
      onActivate: () => setActive(index),
      onDecide: (d, details) => decide(item, d, details),
      onComment: (text) => comment(item, text),
      onHistory: () => setHistoryOf(item),
    }),
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start">
        <div>
          <Anchor component={Link} to="/" size="sm">
            ← My reviews
          </Anchor>
          <Title order={1}>{campaign.title}</Title>
          <Text size="sm" c="dimmed">
            {campaign.number} · due {formatDate(campaign.dueAt)} ({fromNow(campaign.dueAt)})
            {campaign.description ? ` · ${campaign.description}` : ''}
          </Text>
        </div>
        <Stack gap={4} miw={220}>
          <Progress
            value={campaign.total ? (100 * decided) / campaign.total : 0}
            aria-label={`${decided} of ${campaign.total} decided`}
          />
          <Text size="xs" c="dimmed">
            {decided} of {campaign.total} decided · {campaign.pending} to review
          </Text>
        </Stack>
      </Group>
      {campaign.offlineReview && <OfflineReview campaignId={campaignId} open={open} />}
      {campaign.status !== 'active' && (
        <Alert color="yellow" role="status">
          {campaignNotice(campaign.status)}
        </Alert>
      )}
      {actions.pageError && (
        <Alert color="red" role="alert" withCloseButton onClose={() => actions.setPageError(null)}>
          {actions.pageError}
        </Alert>
      )}
      <Group gap="xs" aria-label="Counts by status">
        {Object.entries(STATUS_LABEL)
          .filter(([status]) => counts[status])
          .map(([status, label]) => (
            <Badge
              key={status}
              component="button"
              variant={filters.status === status ? 'filled' : 'light'}
              aria-pressed={filters.status === status}
              onClick={() =>
                setFilter('status', filters.status === status ? null : (status as ReviewItem['status']))
              }
              style={{ cursor: 'pointer' }}
            >
              {label}: {counts[status]}
            </Badge>
          ))}
        {drafts > 0 && <Badge color="grape">Unconfirmed: {drafts}</Badge>}
      </Group>
      <Group gap="xs" align="flex-end">
        <TextInput
          ref={searchRef}
          label="Search"
          placeholder="Name, application, permission, comment"
          value={filters.text}
          onChange={(e) => setFilter('text', e.currentTarget.value)}
          w={260}
        />
        <Select
          label="Status"
          clearable
          data={[
            ...Object.entries(STATUS_LABEL).map(([value, label]) => ({ value, label })),
            { value: 'drafts', label: 'Unconfirmed drafts' },
          ]}
          value={filters.status}
          onChange={(v) => setFilter('status', v as ItemFilters['status'])}
          w={190}
        />
        <Select
          label="Application"
          clearable
          searchable
          data={applications}
          value={filters.application}
          onChange={(v) => setFilter('application', v)}
          w={180}
        />
        <Select
          label="Recommendation"
          clearable
          data={[
            { value: 'recommended', label: 'Recommended' },
            { value: 'not_recommended', label: 'Not recommended' },
            { value: 'none', label: 'No recommendation' },
          ]}
          value={filters.recommendation}
          onChange={(v) => setFilter('recommendation', v as ItemFilters['recommendation'])}
          w={180}
        />
        <Checkbox
          label="Movers"
          checked={filters.mover}
          onChange={(e) => setFilter('mover', e.currentTarget.checked)}
        />
        <Checkbox
          label="Inactive accounts"
          checked={filters.inactive}
          onChange={(e) => setFilter('inactive', e.currentTarget.checked)}
        />
      </Group>
      <Group gap="xs">
        <Button
          variant="default"
          disabled={!open || recommended.length === 0}
          loading={actions.decideNow.isPending}
          onClick={() => bulk('approve', recommended)}
        >
          Approve all recommended
        </Button>
        {selected.size > 0 && (
          <>
            <Button
              variant="default"
              disabled={!open}
              onClick={() =>
                bulk(
                  'approve',
                  items.filter((i) => selected.has(i.id)),
                )
              }
            >
              Approve selected ({selected.size})
            </Button>
            <Button
              variant="default"
              disabled={!open}
              onClick={() =>
                bulk(
                  'revoke',
                  items.filter((i) => selected.has(i.id)),
                )
              }
            >
              Revoke selected ({selected.size})
            </Button>
          </>
        )}
        <Button
          ml="auto"
          variant="default"
          disabled={drafts === 0}
          loading={actions.discard.isPending}
          onClick={askDiscard}
        >
          Discard changes
        </Button>
        <Button
          disabled={drafts === 0 || !open}
          loading={actions.confirm.isPending}
          onClick={() => actions.confirm.mutate()}
          aria-label="Confirm decisions"
        >
          Confirm decisions ({drafts})
        </Button>
        <Button variant="subtle" onClick={() => setHelp(true)}>
          Keyboard shortcuts
        </Button>
      </Group>
      <Text size="xs" c="dimmed" aria-live="polite">
        {visible.length} of {items.length} items shown
      </Text>
      <ItemList {...listProps} scrollRef={scrollRef} virtualizer={virtualizer} />
      <HistoryDrawer item={historyOf} onClose={() => setHistoryOf(null)} />
      <ShortcutsHelp opened={help} onClose={() => setHelp(false)} />
      <BulkConfirm request={bulkRequest} onClose={() => setBulkRequest(null)} />
      <ConfirmDialog request={confirmRequest} onClose={() => setConfirmRequest(null)} />
      <Modal
        opened={blocker.state === 'blocked'}
        onClose={() => blocker.reset?.()}
        title="Leave with unconfirmed decisions?"
      >
        <Text size="sm">
          You have {drafts} unconfirmed {drafts === 1 ? 'decision' : 'decisions'}. They stay saved as drafts,
          but count only once confirmed.
        </Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" data-autofocus onClick={() => blocker.reset?.()}>
            Stay
          </Button>
          <Button onClick={() => blocker.proceed?.()}>Leave anyway</Button>
        </Group>
      </Modal>
    </Stack>
  );
}
