/**
 * Notifications wired together: the scan decides, delivery sends, and the job runner calls both on a
 * schedule. Each step reads the injected clock, so tests walk time forward and call `tick` directly instead
 * of waiting on the runner's timers.
 */
import type { Catalog } from "../catalog";
import type { Db } from "../db/client";
import type { JobDefinition } from "../jobs/runner";
import type { DeliveryLog, DeliveryOptions, DeliveryResult } from "./deliver";
import { deliverDue } from "./deliver";
import type { ScanResult } from "./scan";
import { scanAll, scanForce } from "./scan";

/** The queues notifications use. */
export const REMINDER_SCAN = "reminder-scan";
export const NOTIFICATION_DELIVERY = "notification-delivery";

export interface NotificationService {
  /** Decides what is due (every force, or one) at `now`. */
  scan(now: Date, forceId?: string): Promise<ScanResult>;
  /** Sends what is due by `now`. */
  deliver(now: Date): Promise<DeliveryResult>;
  /** Scan, then deliver: what the hourly job does. */
  tick(now: Date, forceId?: string): Promise<{ scan: ScanResult; delivery: DeliveryResult }>;
  /** The job definitions for the runner. */
  jobs(): Record<string, JobDefinition>;
}

export interface NotificationServiceOptions {
  db: Db;
  catalog: Catalog;
  /** The app's public address; a function when it is known only once the server listens. */
  baseUrl: string | (() => string);
  notifyBaseUrl: string;
  log: DeliveryLog;
  now: () => Date;
  openChannel?: DeliveryOptions["openChannel"];
}

export function createNotificationService(options: NotificationServiceOptions): NotificationService {
  const { db, catalog } = options;
  const deliveryOptions: DeliveryOptions = {
    db,
    catalog,
    baseUrl: typeof options.baseUrl === "string" ? () => options.baseUrl as string : options.baseUrl,
    notifyBaseUrl: options.notifyBaseUrl,
    log: options.log,
    ...(options.openChannel ? { openChannel: options.openChannel } : {}),
  };
  const service: NotificationService = {
    scan: (now, forceId) => (forceId ? scanForce(db, catalog, forceId, now) : scanAll(db, catalog, now)),
    deliver: (now) => deliverDue(deliveryOptions, now),
    async tick(now, forceId) {
      const scan = await service.scan(now, forceId);
      const delivery = await service.deliver(now);
      return { scan, delivery };
    },
    jobs: () => ({
      // Hourly, a few minutes past so it does not meet every other hourly job; a one-off send (after an
      // assignment) scans just that force at once.
      [REMINDER_SCAN]: {
        cron: "7 * * * *",
        retryLimit: 5,
        retryDelay: 60,
        expireInSeconds: 30 * 60,
        handler: async (data) => {
          await service.tick(options.now(), typeof data.forceId === "string" ? data.forceId : undefined);
        },
      },
      // Retries and messages held by quiet hours or a daily batch go out within five minutes of their time.
      [NOTIFICATION_DELIVERY]: {
        cron: "*/5 * * * *",
        retryLimit: 3,
        retryDelay: 30,
        handler: async () => {
          await service.deliver(options.now());
        },
      },
    }),
  };
  return service;
}
