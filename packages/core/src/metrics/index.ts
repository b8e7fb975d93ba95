export * from './meetings.js';
export * from './fidelity.js';
