// Prompts: ready-made requests a person picks from their client's prompt menu. They tell the model
// which tools to call with which arguments, so the review is grounded in our numbers and always states
// the date range and the data's freshness.
import { completable } from '@modelcontextprotocol/sdk/server/completable.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { GetPromptResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { callTool } from '../tools/registry.js';
import { type McpSession, toolContext } from './session.js';

const REPORTING_RULES =
  'State the date range each number covers (in the ad account time zone) and how fresh the data is ' +
  '(data_as_of). Quote numbers exactly as the tools return them; a null ratio means there was nothing to ' +
  'divide by, say so instead of calling it zero.';

function userMessage(text: string): GetPromptResult {
  return { messages: [{ role: 'user', content: { type: 'text', text } }] };
}

function weeklyReviewText(focus?: string): string {
  const focusLine = focus ? `\nPay particular attention to: ${focus}.` : '';
  return `Give me a weekly performance review of my Meta ads.

1. Call compare_periods with range {"preset":"last_week_mon_sun"}, metrics ["spend","revenue","roas","purchases","cpa","ctr"], level "campaign" and top 5: last full week against the week before.
2. Call list_entities with level "campaign", status "live", metrics ["spend","purchases","roas","cpa"] and range {"preset":"last_week_mon_sun"} to see every delivering campaign.
3. Call list_connections to check every account is active and recently synced.

Then write: the headline totals with their change, the biggest movers and why they matter, campaigns that need attention (spend with no purchases, ROAS or CTR falling sharply), and two or three concrete next steps.${focusLine}
${REPORTING_RULES}`;
}

function diagnoseCampaignText(campaign: string): string {
  return `Diagnose my Meta campaign named "${campaign}".

1. Call list_entities with level "campaign", status "any" and name_contains "${campaign}" to find it (its id, status and effective status). If several match, say which you picked; if none match, say so and stop.
2. Call get_metrics with metrics ["spend","impressions","clicks","ctr","cpc","cpm","purchases","cpa","roas"], range {"preset":"last_14d"}, group_by "day" and filters {"entity_ids":[<the campaign id>]} to see the daily trend.
3. Call compare_periods with range {"preset":"last_7d"}, level "adset", metrics ["spend","roas","cpa"] and filters {"entity_ids":[<the campaign id>]} to find which ad sets moved.
4. Call list_entities with level "adset", status "any" and parent_id <the campaign id> to check each ad set's delivery status.

Then explain what is happening (delivery, cost, click-through, conversion) and what to change first.
${REPORTING_RULES}`;
}

/** Campaign names starting with (or containing) what the person has typed so far. */
async function campaignNames(session: McpSession, typed: string): Promise<string[]> {
  const input = {
    level: 'campaign',
    status: 'any',
    metrics: ['spend'],
    limit: 20,
    ...(typed.trim() ? { name_contains: typed.trim() } : {}),
  };
  try {
    const out = (await callTool(
      'list_entities',
      input,
      toolContext(session, { completion: 'campaign' }),
    )) as {
      rows: { name: string | null }[];
    };
    return out.rows.flatMap((r) => (r.name ? [r.name] : []));
  } catch {
    return []; // completion is a convenience: an empty list beats an error popup while typing
  }
}

export function registerPrompts(server: McpServer, session: McpSession): void {
  server.registerPrompt(
    'weekly_performance_review',
    {
      title: 'Weekly performance review',
      description: 'Last full week against the week before: totals, movers, campaigns needing attention.',
      argsSchema: {
        focus: z
          .string()
          .max(200)
          .optional()
          .describe('Optional: a metric, campaign or question to focus on'),
      },
    },
    ({ focus }) => userMessage(weeklyReviewText(focus?.trim() || undefined)),
  );

  server.registerPrompt(
    'diagnose_campaign',
    {
      title: 'Diagnose a campaign',
      description: "Find out why a campaign's delivery, cost or results changed, and what to do about it.",
      argsSchema: {
        campaign: completable(
          z.string().trim().min(1, 'name a campaign').max(200).describe('The campaign name (or part of it)'),
          (typed) => campaignNames(session, typed),
        ),
      },
    },
    ({ campaign }) => userMessage(diagnoseCampaignText(campaign)),
  );
}
