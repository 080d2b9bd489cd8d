// The chat's history over REST: GET /api/conversations (the workspace's past conversations, newest
// first), PATCH /api/conversations/:id { title } (rename), DELETE /api/conversations/:id, and
// GET /api/conversations/:id/turns/:turn (one answer, what a permalink /answers/ID/N shows). Reopening
// one is the chat socket's job (/ws?conversation=ID replays it). Workspace-scoped: another
// workspace's conversation is simply not found.
import { Router } from 'express';
import { z } from 'zod';
import { ConversationMemory } from '../../assistant/conversationMemory.js';
import { deleteConversation, listConversations, renameConversation } from '../../db/conversationList.js';
import { NotFoundError, parseInput } from '../../errors.js';
import { text } from '../../textInput.js';
import { replayedDisplay } from '../chatHistory.js';
import type { ServerDeps } from '../deps.js';
import { ctxOf } from '../requestContext.js';

const idSchema = z.string().uuid('must be a conversation id (uuid)');
const turnSchema = z.coerce.number().int('must be a turn number').min(1).max(1_000_000);
const listQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict();
const renameSchema = z
  .object({
    title: text().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  })
  .strict();

export function conversationRoutes(deps: ServerDeps): Router {
  const router = Router();

  router.get('/conversations', async (req, res, next) => {
    try {
      const q = parseInput(listQuerySchema, req.query);
      const rows = await listConversations(deps.db, ctxOf(res).workspaceId, q.limit);
      res.json({ conversations: rows });
    } catch (err) {
      next(err);
    }
  });

  router.get('/conversations/:id/turns/:turn', async (req, res, next) => {
    try {
      const id = parseInput(idSchema, req.params.id, 'id');
      const seq = parseInput(turnSchema, req.params.turn, 'turn');
      const { workspaceId, log } = ctxOf(res);
      const turn = await new ConversationMemory(deps.db, workspaceId).turn(id, seq);
      if (!turn) throw new NotFoundError(`answer ${seq} of conversation ${id} not found`);
      res.json({
        conversation_id: id,
        turn: turn.seq,
        question: turn.question,
        answer: turn.answer,
        ...replayedDisplay(turn, log),
      });
    } catch (err) {
      next(err);
    }
  });

  router.patch('/conversations/:id', async (req, res, next) => {
    try {
      const id = parseInput(idSchema, req.params.id, 'id');
      const body = parseInput(renameSchema, req.body ?? {});
      if (!(await renameConversation(deps.db, ctxOf(res).workspaceId, id, body.title)))
        throw new NotFoundError(`conversation ${id} not found`);
      res.json({ id, title: body.title });
    } catch (err) {
      next(err);
    }
  });

  router.delete('/conversations/:id', async (req, res, next) => {
    try {
      const id = parseInput(idSchema, req.params.id, 'id');
      if (!(await deleteConversation(deps.db, ctxOf(res).workspaceId, id)))
        throw new NotFoundError(`conversation ${id} not found`);
      res.status(204).end();
    } catch (err) {
      next(err);
    }
  });

  return router;
}
