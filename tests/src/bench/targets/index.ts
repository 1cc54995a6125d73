import { bare, durable } from './bare.ts';
import { hocuspocus } from './hocuspocus.ts';
import { ours } from './ours.ts';
import type { TargetFactory } from './types.ts';

export const TARGETS: readonly TargetFactory[] = [ours, bare, durable, hocuspocus];
export type { BenchClient, BenchRoom, RunningTarget, TargetFactory, TargetName } from './types.ts';
