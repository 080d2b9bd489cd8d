// Who answers the questions on this server: the offline planner, or a model (which one, where). Said
// in the server's first lines and in the chat header, so nobody has to guess which they are talking to.
import { type Config, hasLlm } from '../config.js';

export type Answerer = { source: 'planner' } | { source: 'llm'; model: string; endpoint: string };

export function answererOf(config: Config): Answerer {
  if (!hasLlm(config)) return { source: 'planner' };
  const endpoint = config.OPENAI_BASE_URL ? new URL(config.OPENAI_BASE_URL).host : 'api.openai.com';
  return { source: 'llm', model: config.ADNAVI_MODEL, endpoint };
}

/** The start-up line. */
export function describeAnswerer(a: Answerer): string {
  return a.source === 'planner'
    ? 'Answers come from the offline planner (no model configured; set OPENAI_API_KEY or OPENAI_BASE_URL to use one).'
    : `Answers come from the model ${a.model} at ${a.endpoint}, with the offline planner as fallback.`;
}
