import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { serialId } from '../common/cursor';
import { openApiResponse } from '../common/openapi';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { Roles } from '../auth/roles';
import { campaignIdParam } from './campaign.schema';
import { ItemStoryService } from './item-story.service';
import { itemStoryView, ItemStoryView } from './item-story.view';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('api/v1/campaigns')
export class ItemStoryController {
  constructor(@Inject(ItemStoryService) private readonly stories: ItemStoryService) {}

  @Get(':id/items/:itemId')
  @Roles('admin', 'auditor')
  @ApiOperation({
    summary:
      "One item's story: its reviewers and forwards, every decision (who, when, through which session), its remediation and its reviewers' mail",
  })
  @ApiOkResponse({ schema: openApiResponse(itemStoryView) })
  story(
    @Param('id', new ZodValidationPipe(campaignIdParam)) id: string,
    @Param('itemId', new ZodValidationPipe(serialId)) itemId: string,
  ): Promise<ItemStoryView> {
    return this.stories.story(id, itemId);
  }
}
