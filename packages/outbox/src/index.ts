export { type EventBus, eventBridgeBus } from "./event-bus";
export { type AnnouncedEvent, eventOfChange, type ItemImage } from "./event-of-change";
export { outboxFunction } from "./function";
export { type ChangeRecord, publishChange } from "./publish-change";
