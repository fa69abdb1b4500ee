import { openPhaseTasks } from '../fiscal-years/fiscal-years.home-tasks';
import { menuTasks } from '../menus/menus.home-tasks';
import { openSurveyTasks } from '../surveys/surveys.home-tasks';
import type { HomeTaskProvider } from './home-tasks';

/** Every feature's home tasks, in no particular order (the home service sorts them by due date). */
export const homeTaskProviders: readonly HomeTaskProvider[] = [openPhaseTasks, menuTasks, openSurveyTasks];
