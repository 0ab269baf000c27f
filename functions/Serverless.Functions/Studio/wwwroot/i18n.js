// English and Chinese labels. The language follows the browser's unless the user picked one (kept in localStorage).
const strings = {
  en: {
    language: 'Language', loading: 'Loading…', apiKeys: 'API keys', noKeys: 'No API keys yet.', keyName: 'Key name', createKey: 'Create key', deleteKey: 'Delete {0}', keyShownOnce: 'Copy it now; it is not shown again:', signIn: 'Sign in', signUp: 'Sign up', signOut: 'Sign out', email: 'Email', password: 'Password',
    username: 'Username', usernameHint: 'Only needed to sign up.', welcome: 'Write a script, review its storyboard, render a video.',
    projects: 'Projects', newProject: 'New project', noProjects: 'No projects yet.', name: 'Name', script: 'Script',
    scriptFile: 'Load a script file', style: 'Style', aspectRatio: 'Aspect ratio', create: 'Create', cancel: 'Cancel',
    previous: 'Previous', next: 'Next', page: 'Page {0} of {1}', back: 'All projects',
    notFound: 'Project not found', notFoundHint: 'It does not exist, or it belongs to someone else.',
    generateStoryboard: 'Generate storyboard', approve: 'Approve', renderPreview: 'Render preview', renderFinal: 'Render final',
    download: 'Download', deleteProject: 'Delete project', confirmDelete: 'Delete this project and its videos?',
    storyboard: 'Storyboard', noStoryboard: 'No storyboard yet: generate one from the script.', shot: 'Shot {0}',
    drawing: 'Drawing…', duration: 'Duration (s)', motion: 'Camera move', transition: 'Transition', line: 'Line',
    save: 'Save', saved: 'Saved', regenerate: 'Regenerate', subtitles: 'Subtitles', start: 'Start (s)', end: 'End (s)', subtitleText: 'Text', reloadSubtitles: 'Reload subtitles', promptOverride: 'Prompt override', reload: 'Reload storyboard', stale: 'Someone changed the storyboard since you loaded it.',
    narration: 'Narration', action: 'Action', progress: 'Progress', step: 'Step: {0}', timeLeft: 'About {0} s left',
    status: 'Status: {0}', awaiting: 'The storyboard waits for your approval before the render goes on.',
    player: 'Video', noVideo: 'No video yet: render a preview.', created: 'Created {0}', shots: '{0} shots',
    errorAt: 'Error {0}: {1}', offline: 'The studio cannot reach the server.',
    still: 'Still', zoom_in: 'Zoom in', zoom_out: 'Zoom out', pan_left: 'Pan left', pan_right: 'Pan right',
    cut: 'Cut', fade: 'Fade', dissolve: 'Dissolve', wipe: 'Wipe',
    queued: 'queued', running: 'running', awaiting_approval: 'awaiting approval', completed: 'completed', failed: 'failed', cancelled: 'cancelled',
    parsedScript: 'Parsed script', notParsed: 'Not parsed yet.', parseSummary: '{0} scenes, {1} lines, about {2} s', dialogue: 'Dialogue',
    saveAndParse: 'Save and parse', atLine: 'Line {0}:', characters: 'Characters', noCharacters: 'No characters yet: parse the script.',
    appearance: 'Appearance', color: 'Colour', voice: 'Voice', voiceAuto: 'Chosen from the character', referencePicture: 'Reference picture',
    noPicture: 'None', voiceSample: 'Play voice sample', voiceSampleOf: 'Voice sample of {0}', reloadCharacters: 'Reload characters',
    recordVoices: 'Record voices', voiceOf: 'Voice of shot {0}', platform: 'Platform', noPlatform: 'None (aspect ratio only)',
    music: 'Music', noMusic: 'No music', anyOf: 'Any {0} track', history: 'History', taskHistory: 'Tasks', webhookHistory: 'Webhook messages',
    noTasks: 'No tasks yet.', noDeliveries: 'No webhook messages about this project.', refreshHistory: 'Refresh history',
    footage: 'Footage', allFootage: 'All footage', noFootage: 'No footage yet: upload one through the API or the CLI.', highlightCount: '{0} highlights',
    footageNotFound: 'Footage not found', transcript: 'Transcript', noTranscript: 'No words were recognized.', timeline: 'Timeline', highlights: 'Highlights',
    clips: 'Clips', noClips: 'No clips yet.', makeClips: 'Make clips', clipOf: 'Clip {0}', score: 'Score {0}', startOf: 'Start of {0}', endOf: 'End of {0}',
    footage_uploading: 'uploading', footage_analyzing: 'analyzing', footage_ready: 'ready', footage_failed: 'failed', footage_queued: 'queued', footage_done: 'done',
    startedAt: 'started {0}', endedAt: 'ended {0}', attempts: '{0} attempts',
    footageVideo: 'Footage video', thumbnails: 'Thumbnails', goTo: 'Go to {0}', playSpan: 'Play {0}', videoFailed: 'The footage video cannot be played.',
  },
  zh: {
    language: '语言', loading: '加载中…', apiKeys: 'API 密钥', noKeys: '还没有 API 密钥。', keyName: '密钥名称', createKey: '创建密钥', deleteKey: '删除 {0}', keyShownOnce: '请立即复制，之后不再显示：', signIn: '登录', signUp: '注册', signOut: '退出', email: '邮箱', password: '密码',
    username: '用户名', usernameHint: '仅注册时需要。', welcome: '写剧本，审分镜，生成视频。',
    projects: '项目', newProject: '新建项目', noProjects: '还没有项目。', name: '名称', script: '剧本',
    scriptFile: '导入剧本文件', style: '风格', aspectRatio: '画幅', create: '创建', cancel: '取消',
    previous: '上一页', next: '下一页', page: '第 {0} / {1} 页', back: '全部项目',
    notFound: '找不到项目', notFoundHint: '项目不存在，或属于其他用户。',
    generateStoryboard: '生成分镜', approve: '确认分镜', renderPreview: '渲染预览', renderFinal: '渲染成片',
    download: '下载', deleteProject: '删除项目', confirmDelete: '删除此项目及其视频？',
    storyboard: '分镜', noStoryboard: '还没有分镜：从剧本生成。', shot: '镜头 {0}',
    drawing: '绘制中…', duration: '时长（秒）', motion: '运镜', transition: '转场', line: '台词',
    save: '保存', saved: '已保存', regenerate: '重新生成', subtitles: '字幕', start: '开始（秒）', end: '结束（秒）', subtitleText: '文本', reloadSubtitles: '重新加载字幕', promptOverride: '画面提示（覆盖）', reload: '重新加载分镜', stale: '分镜在你加载后被修改过。',
    narration: '旁白', action: '动作', progress: '进度', step: '步骤：{0}', timeLeft: '约剩 {0} 秒',
    status: '状态：{0}', awaiting: '分镜等待你确认后继续渲染。',
    player: '视频', noVideo: '还没有视频：先渲染预览。', created: '创建于 {0}', shots: '{0} 个镜头',
    errorAt: '错误 {0}：{1}', offline: '无法连接服务器。',
    still: '固定', zoom_in: '推近', zoom_out: '拉远', pan_left: '左摇', pan_right: '右摇',
    cut: '切', fade: '淡入淡出', dissolve: '叠化', wipe: '划像',
    queued: '排队中', running: '进行中', awaiting_approval: '等待确认', completed: '已完成', failed: '失败', cancelled: '已取消',
    parsedScript: '解析结果', notParsed: '尚未解析。', parseSummary: '{0} 个场景，{1} 句，约 {2} 秒', dialogue: '对白',
    saveAndParse: '保存并解析', atLine: '第 {0} 行：', characters: '角色', noCharacters: '还没有角色：先解析剧本。',
    appearance: '外貌', color: '颜色', voice: '声音', voiceAuto: '按角色自动选择', referencePicture: '参考图',
    noPicture: '无', voiceSample: '试听声音', voiceSampleOf: '{0} 的试听', reloadCharacters: '重新加载角色',
    recordVoices: '生成配音', voiceOf: '镜头 {0} 的配音', platform: '平台', noPlatform: '无（仅画幅）',
    music: '音乐', noMusic: '无音乐', anyOf: '任意{0}曲目', history: '历史', taskHistory: '任务', webhookHistory: 'Webhook 消息',
    noTasks: '还没有任务。', noDeliveries: '没有关于此项目的 Webhook 消息。', refreshHistory: '刷新历史',
    footage: '素材', allFootage: '全部素材', noFootage: '还没有素材：请通过 API 或命令行上传。', highlightCount: '{0} 个亮点',
    footageNotFound: '找不到素材', transcript: '文字稿', noTranscript: '没有识别出文字。', timeline: '时间线', highlights: '亮点',
    clips: '短片', noClips: '还没有短片。', makeClips: '生成短片', clipOf: '短片 {0}', score: '评分 {0}', startOf: '{0} 的开始', endOf: '{0} 的结束',
    footage_uploading: '上传中', footage_analyzing: '分析中', footage_ready: '就绪', footage_failed: '失败', footage_queued: '排队中', footage_done: '完成',
    startedAt: '开始于 {0}', endedAt: '结束于 {0}', attempts: '{0} 次尝试',
    footageVideo: '素材视频', thumbnails: '缩略图', goTo: '跳到 {0}', playSpan: '播放 {0}', videoFailed: '素材视频无法播放。',
  },
};

let lang = localStorage.getItem('studio.lang') || ((navigator.language || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en');

export const language = () => lang;

export function setLanguage(value) {
  lang = strings[value] ? value : 'en';
  localStorage.setItem('studio.lang', lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

/** The label for key in the current language, with {0}, {1} … replaced by args. */
export function t(key, ...args) {
  const text = strings[lang][key] ?? strings.en[key] ?? key;
  return args.reduce((s, a, i) => s.replaceAll(`{${i}}`, String(a)), text);
}
