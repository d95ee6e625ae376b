/**
 * Builders of Axialys notification events, shaped like the seeds' examples (001 EN / 003 FR), for the
 * simulator's scripts, the demo and tests. Each returns the `event` part of an `update` payload.
 */
export interface SimEvent {
  type_notification: string;
  event: string;
  msg: Record<string, unknown>;
  [extra: string]: unknown;
}

type Id = number | string;
const CLIENT = 174808;

export const frames = {
  operatorStatus(idOperator: Id, status: string, call: { idCall?: Id; idQueue?: Id; number?: string; durationSec?: number; service?: string; catchup?: number } = {}): SimEvent {
    const msg: Record<string, unknown> = { status, id_operator: idOperator, id_client: CLIENT };
    if (call.idCall !== undefined) Object.assign(msg, { id_call: call.idCall, id_queue: call.idQueue ?? 0, caller_id_num: call.number ?? '', call_duration: call.durationSec ?? 0, rec: 1, step: 1 });
    if (call.service) msg.service = call.service;
    if (call.catchup !== undefined) msg.catchup = call.catchup;
    return { type_notification: 'operator', event: 'status', msg };
  },
  ui(event: 'login' | 'logout' | 'pause' | 'unpause' | 'push' | 'push_cancel', idOperator: Id, supp: Id = ''): SimEvent {
    return { type_notification: 'UI', event, msg: { supp, id_operator: idOperator, id_client: CLIENT } };
  },
  queueInsert(idQueue: Id, idCall: Id, number: string, durationInQueue = 0): SimEvent {
    return { type_notification: 'queue', event: 'insert_call', msg: { call_duration: durationInQueue, caller_id_num: number, priority: 100, id_queue: idQueue, id_call: idCall, vip_rate: 1, duration_in_queue: durationInQueue, id_client: CLIENT } };
  },
  queueConnect(idQueue: Id, idCall: Id, idOperator: Id, number: string): SimEvent {
    return { type_notification: 'queue', event: 'connect_call', msg: { status: 'connected', call_duration: 0, caller_id_num: number, step: 1, id_queue: idQueue, id_call: idCall, id_operator: idOperator, id_client: CLIENT } };
  },
  queueDelete(idQueue: Id, idCall: Id): SimEvent {
    return { type_notification: 'queue', event: 'delete_call', msg: { id_call: idCall, id_queue: idQueue, id_client: String(CLIENT) } };
  },
  queueAlert(kind: 'alert_op' | 'alert_file', idQueue: Id, validitySec: number, durationInQueue = 0): SimEvent {
    return { type_notification: 'queue', event: kind, msg: { id_queue: idQueue, id_call: 0, duration_in_queue: durationInQueue, validity: validitySec, id_client: CLIENT } };
  },
  trunkInsert(idTrunk: Id, idCall: Id, number: string, durationInQueue = 0): SimEvent {
    return { type_notification: 'trunk', event: 'insert_call', msg: { call_duration: 0, id_trunk: idTrunk, caller_id_num: number, id_call: idCall, duration_in_queue: durationInQueue } };
  },
  trunkConnect(idTrunk: Id, idCall: Id, number: string): SimEvent {
    return { type_notification: 'trunk', event: 'connect_call', msg: { status: 'connected', call_duration: 0, id_trunk: String(idTrunk), caller_id_num: number, id_call: String(idCall) } };
  },
  trunkDelete(idTrunk: Id, idCall: Id): SimEvent {
    return { type_notification: 'trunk', event: 'delete_call', msg: { id_call: idCall, id_trunk: idTrunk } };
  },
  num(event: 'start' | 'answer' | 'end', idCall: Id, number: string, service: string, typeDest = 'GROUPE'): SimEvent {
    return { type_notification: 'num', srv: 8, event, msg: { type_dest: typeDest, id_call: idCall, id_num: 31, id_client: CLIENT, service, caller_id_num: number } };
  },
  asr(idCall: Id, input: string, score: number): SimEvent {
    return { type_notification: 'input', event: 'asr', msg: { id_call: idCall, score, id: 96897, id_client: CLIENT, input } };
  },
};
