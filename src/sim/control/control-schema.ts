/**
 * The JSON accepted by the simulator's loopback control endpoint (POST /control/fault), one
 * object per action, validated with zod. Each maps onto a FaultControl method.
 */
import { z } from 'zod';
import { MALFORMED_KINDS } from '../faults/fault-types';

const target = z.union([z.literal('all'), z.literal('oldest'), z.literal('newest'), z.number().int().positive()]).optional();
const endpoint = z.enum(['profile', 'expirylist', 'optionchain', 'any']).optional();
const times = z.number().int().positive().optional();

const restFault = z.union([
  z.object({ kind: z.enum(['auth-invalid', 'rate-limited', 'server-error', 'html', 'hang']), endpoint, times }),
  z.object({
    kind: z.literal('no-data-plan'),
    envelope: z.enum(['data', 'trading']).optional(),
    httpStatus: z.number().int().min(200).max(599).optional(),
    endpoint,
    times,
  }),
]);

export const controlRequestSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('disconnect'), code: z.number().int().min(0).max(65_535), target }),
  z.object({ action: z.literal('drop'), target }),
  z.object({ action: z.literal('silent'), on: z.boolean() }),
  z.object({ action: z.literal('server-pings'), on: z.boolean() }),
  z.object({ action: z.literal('answer-pings'), on: z.boolean() }),
  z.object({ action: z.literal('packets-per-frame'), n: z.number().int().min(1).max(1000) }),
  z.object({ action: z.literal('reject-handshakes'), status: z.union([z.literal(401), z.literal(429)]), times }),
  z.object({ action: z.literal('malformed'), kind: z.enum(MALFORMED_KINDS as [string, ...string[]]), target }),
  z.object({ action: z.literal('rest'), fault: restFault.nullable() }),
  z.object({ action: z.literal('expire-token'), atMs: z.number().optional(), inMs: z.number().min(0).optional() }),
  z.object({ action: z.literal('set-token'), token: z.string().min(1) }),
  z.object({ action: z.literal('renew-token') }),
  z.object({ action: z.literal('reset') }),
]);

export type ControlRequest = z.infer<typeof controlRequestSchema>;
