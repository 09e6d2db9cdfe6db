/** The folder of static files the API serves at `/`. */
export declare const ADMIN_UI_DIR: string;
