import path from 'node:path';

/** The folder of static files the API serves at `/`. */
export const ADMIN_UI_DIR = path.join(__dirname, '..', 'public');
