/** The window's sections. Screens that send the person elsewhere (goTo) name one of these. */
export type ScreenId = 'roles' | 'slots' | 'sources' | 'security' | 'server' | 'settings';
