import { describeEventStoreContract, describeUniqueEventIds } from './event-store.contract';
import { MemoryEventStore } from './memory-event-store';

describeEventStoreContract('MemoryEventStore', async () => new MemoryEventStore());
describeUniqueEventIds('MemoryEventStore', async () => new MemoryEventStore());
// Tiny pages, so that paging (and a filtered read moving past what it skipped) is exercised everywhere.
describeEventStoreContract('MemoryEventStore with 3-event pages', async () => new MemoryEventStore({ pageSize: 3 }));
