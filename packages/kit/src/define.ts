import './tags.js';
import { defineOdkit } from './define-odkit.js';

defineOdkit();
