import type { T } from './demo-random'

/** Rows of a compact table: entries separated by ' · ', fields by the first space. */
const table = (s: string): [string, string][] =>
  s
    .trim()
    .split(/\s*·\s*|\n\s*/)
    .map((e) => {
      const i = e.indexOf(' ')
      return [e.slice(0, i), e.slice(i + 1)]
    })
const words = (s: string): string[] => s.trim().split(/\s+/)

/** Chinese surnames with their pinyin (for e-mail addresses). */
export const zhSurnames = table(`
  王 wang · 李 li · 张 zhang · 刘 liu · 陈 chen · 杨 yang · 黄 huang · 赵 zhao · 吴 wu · 周 zhou
  徐 xu · 孙 sun · 马 ma · 朱 zhu · 胡 hu · 郭 guo · 何 he · 林 lin · 罗 luo · 高 gao
  郑 zheng · 梁 liang · 谢 xie · 宋 song · 唐 tang · 许 xu · 韩 han · 冯 feng · 邓 deng · 曹 cao
  彭 peng · 曾 zeng · 肖 xiao · 田 tian · 董 dong · 潘 pan · 袁 yuan · 蒋 jiang · 蔡 cai · 余 yu
  杜 du · 叶 ye · 程 cheng · 魏 wei · 苏 su · 吕 lv · 丁 ding · 沈 shen · 姚 yao · 卢 lu
  范 fan · 方 fang · 钟 zhong · 任 ren · 陆 lu · 廖 liao · 秦 qin · 江 jiang · 顾 gu · 侯 hou
`)

export const zhGivenNames = table(`
  伟 wei · 芳 fang · 娜 na · 敏 min · 静 jing · 强 qiang · 磊 lei · 军 jun
  洋 yang · 勇 yong · 艳 yan · 杰 jie · 涛 tao · 明 ming · 超 chao · 秀英 xiuying
  霞 xia · 平 ping · 刚 gang · 建华 jianhua · 志强 zhiqiang · 海燕 haiyan · 晓东 xiaodong · 雪梅 xuemei
  国庆 guoqing · 婷婷 tingting · 思远 siyuan · 子涵 zihan · 雨桐 yutong · 浩然 haoran · 佳琪 jiaqi · 俊杰 junjie
  欣怡 xinyi · 文博 wenbo · 晨曦 chenxi · 一鸣 yiming · 梦琪 mengqi · 志远 zhiyuan · 立新 lixin · 宏伟 hongwei
  振华 zhenhua · 春燕 chunyan · 建军 jianjun · 晓峰 xiaofeng · 丹 dan · 琳 lin · 鹏 peng · 斌 bin
  昊 hao · 颖 ying · 倩 qian · 凯 kai · 慧 hui · 宇航 yuhang · 若曦 ruoxi · 雅静 yajing
  明轩 mingxuan · 诗涵 shihan · 晓燕 xiaoyan · 永康 yongkang · 德华 dehua · 亚楠 yanan · 家豪 jiahao · 梓萱 zixuan
  嘉怡 jiayi · 文静 wenjing · 国栋 guodong · 少华 shaohua · 秋月 qiuyue · 海涛 haitao
`)

export const enFirstNames = words(`
  James Olivia William Emma Henry Charlotte Daniel Amelia Samuel Isla Thomas Grace
  Michael Chloe David Lily Joseph Ella Matthew Ava Andrew Sophie Ryan Zoe
  Nathan Hannah Adam Lucy Patrick Megan Kevin Rachel Simon Laura Peter Natalie
  Mark Claire Paul Rebecca George Alice Edward Julia Oscar Naomi Victor Helen
  Leo Fiona Marcus Diana Ethan Nora Aaron Ruth Felix Iris Owen Vera
`)

export const enLastNames = words(`
  Smith Johnson Williams Brown Taylor Davies Evans Wilson Thomas Roberts Walker Wright
  Thompson White Hughes Edwards Green Hall Wood Harris Lewis Martin Jackson Clarke
  Clark Turner Hill Scott Cooper Morris Ward Moore King Watson Baker Harrison
  Young Allen Mitchell Anderson Bennett Carter Collins Foster Gray Hayes Reid Shaw
  Sullivan Palmer Lawson Pearce Barnes Fisher Dixon Bishop Lambert Quinn Hart Nash
`)

/** Company name words: the Chinese brand and its English form (a translation or its pinyin). */
export const brands: T[] = table(`
  瑞丰 Ruifeng · 远帆 Farsail · 鼎新 Dingxin · 嘉禾 Jiahe · 蓝海 Blue Ocean · 新元 Xinyuan
  锦程 Jincheng · 天禾 Tianhe · 睿博 Ruibo · 恒通 Hengtong · 朗峰 Langfeng · 泰和 Taihe
  宏达 Hongda · 信诺 Xinnuo · 星河 Starriver · 青松 Green Pine · 明远 Mingyuan · 安泰 Antai
  德信 Dexin · 华泽 Huaze · 卓越 Zhuoyue · 凯盛 Kaisheng · 立达 Lida · 汇诚 Huicheng
  晨曦 Dawnlight · 兴邦 Xingbang · 瀚海 Hanhai · 百川 Baichuan · 金穗 Golden Ear · 云帆 Cloudsail
  正和 Zhenghe · 博远 Boyuan · 长风 Longwind · 启明 Qiming · 同创 Tongchuang · 弘毅 Hongyi
  尚品 Shangpin · 优途 Youtu · 众合 Zhonghe · 安康 Ankang · 济民 Jimin · 康泰 Kangtai
  益生 Yisheng · 育才 Yucai · 启智 Qizhi · 书香 Shuxiang · 智汇 Zhihui · 数联 Shulian
  云图 Cloudmap · 易达 Yida · 速航 Suhang · 驰远 Chiyuan · 通衢 Tongqu · 聚鑫 Juxin
  丰源 Fengyuan · 绿洲 Oasis · 北辰 Beichen · 东升 Dongsheng · 南屿 Nanyu · 西岭 Xiling
  锐思 Ruisi · 智越 Zhiyue · 品众 Pinzhong · 慧达 Huida · 联拓 Liantuo · 精诚 Jingcheng
  力合 Lihe · 宏远 Hongyuan · 创拓 Chuangtuo · 融汇 Ronghui · 钧天 Juntian · 晟达 Shengda
  铭泰 Mingtai · 昊天 Haotian · 璟瑞 Jingrui · 翔宇 Xiangyu · 易捷 Yijie · 嘉信 Jiaxin
  海纳 Haina · 金鼎 Jinding · 玉衡 Yuheng · 长青 Evergreen · 福瑞 Furui · 和光 Heguang
  澜川 Lanchuan · 新程 Xincheng · 沃德 Wode · 英诺 Innovo · 领航 Pilot · 万和 Wanhe
  永信 Yongxin · 恒昌 Hengchang · 天成 Tiancheng · 合众 Hezhong · 华盛 Huasheng · 国信 Guoxin · 瑞祥 Ruixiang
  盛泰 Shengtai · 永丰 Yongfeng · 鸿运 Hongyun · 中恒 Zhongheng · 天瑞 Tianrui · 祥和 Xianghe
  嘉联 Jialian · 博雅 Boya · 明辉 Minghui · 鑫达 Xinda · 润泽 Runze · 华安 Huaan
  海联 Hailian · 星耀 Xingyao · 恒信 Hengxin · 科瑞 Kerui · 思创 Sichuang · 天顺 Tianshun
  新锐 Xinrui · 远瞻 Farview · 云启 Yunqi · 蓝图 Blueprint
`).map(([zh, en]) => ({ 'zh-CN': zh, en }))

export type City = {
  name: T
  /** Where the city's accounts are looked after. */
  team: 'east' | 'north'
  /** Telephone area code, without the leading 0. */
  area: string
  /** Administrative division code (the 3rd–8th characters of a unified social credit code). */
  division: string
  district: T
}

const city = (zh: string, en: string, team: City['team'], area: string, division: string, d: T): City => ({
  name: { 'zh-CN': zh, en },
  team,
  area,
  division,
  district: d,
})
const t = (zh: string, en: string): T => ({ 'zh-CN': zh, en })

export const cities: readonly City[] = [
  city('上海', 'Shanghai', 'east', '21', '310115', t('浦东新区', 'Pudong New Area')),
  city('苏州', 'Suzhou', 'east', '512', '320571', t('工业园区', 'Suzhou Industrial Park')),
  city('杭州', 'Hangzhou', 'east', '571', '330108', t('滨江区', 'Binjiang District')),
  city('南京', 'Nanjing', 'east', '25', '320115', t('江宁区', 'Jiangning District')),
  city('宁波', 'Ningbo', 'east', '574', '330212', t('鄞州区', 'Yinzhou District')),
  city('合肥', 'Hefei', 'east', '551', '340104', t('蜀山区', 'Shushan District')),
  city('无锡', 'Wuxi', 'east', '510', '320214', t('新吴区', 'Xinwu District')),
  city('厦门', 'Xiamen', 'east', '592', '350203', t('思明区', 'Siming District')),
  city('北京', 'Beijing', 'north', '10', '110108', t('海淀区', 'Haidian District')),
  city('天津', 'Tianjin', 'north', '22', '120116', t('滨海新区', 'Binhai New Area')),
  city('济南', 'Jinan', 'north', '531', '370102', t('历下区', 'Lixia District')),
  city('青岛', 'Qingdao', 'north', '532', '370212', t('崂山区', 'Laoshan District')),
  city('石家庄', 'Shijiazhuang', 'north', '311', '130102', t('长安区', "Chang'an District")),
  city('大连', 'Dalian', 'north', '411', '210204', t('沙河口区', 'Shahekou District')),
]

export const roads: readonly T[] = [
  t('科技路', 'Keji Road'),
  t('创新大道', 'Chuangxin Avenue'),
  t('人民路', 'Renmin Road'),
  t('中山路', 'Zhongshan Road'),
  t('长江路', 'Changjiang Road'),
  t('金融街', 'Jinrong Street'),
  t('星湖街', 'Xinghu Street'),
  t('高新大道', 'Gaoxin Avenue'),
  t('滨河路', 'Binhe Road'),
  t('建设路', 'Jianshe Road'),
]

/** A company's legal-form suffix. */
export const suffixes: readonly T[] = [
  t('股份有限公司', 'Co., Ltd.'),
  t('有限公司', 'Ltd.'),
  t('集团有限公司', 'Group'),
  t('股份有限公司', 'Corporation'),
]
