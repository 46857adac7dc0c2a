/** A permission a module declares, with the roles that hold it by default. */
export interface PermissionDef {
  code: string;
  name: string;
  defaultRoles: string[];
}

/** What app.ts needs to know of a module besides its plugin: its tables and its permissions. */
export interface ModuleManifest {
  name: string;
  migrationsDir: string;
  permissions: PermissionDef[];
}
