import { Inject, Param } from '@nestjs/common';
import { serialId } from '../common/cursor';
import { Endpoint, Resource } from '../common/endpoint';
import { campaignIdParam } from './campaign.schema';
import { ItemStoryService } from './item-story.service';
import { itemStoryView, ItemStoryView } from './item-story.view';

@Resource('api/v1/campaigns', { tag: 'campaigns' })
export class ItemStoryController {
  constructor(@Inject(ItemStoryService) private readonly stories: ItemStoryService) {}

  @Endpoint('GET', ':id/items/:itemId', {
    roles: ['admin', 'auditor'],
    summary:
      "One item's story: its reviewers and forwards, every decision (who, when, through which session), its remediation and its reviewers' mail",
    params: { id: campaignIdParam, itemId: serialId },
    response: itemStoryView,
  })
  story(@Param('id') id: string, @Param('itemId') itemId: string): Promise<ItemStoryView> {
    return this.stories.story(id, itemId);
  }
}
