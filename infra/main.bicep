metadata name = 'Serverless AI video studio'
metadata description = 'Everything the studio runs on in Azure: a function app (.NET isolated worker on Flex Consumption), storage for blobs and the durable task hub, Cosmos DB, Service Bus job queues, a GPU Container Apps job for the render worker, Key Vault, monitoring, Event Grid and the role assignments that let each identity reach only what it needs. Deploy with `azd up`.'

targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------------------------------

@description('Required. Name of the azd environment; part of every resource name and the azd-env-name tag.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Optional. Location of all resources. Choose one that offers Flex Consumption and the serverless GPU type.')
param location string = resourceGroup().location

@description('Optional. Serverless GPU workload profile of the worker job: NVIDIA T4 (cheaper, 8 vCPU / 56 GiB, NVENC) or A100 (24 vCPU / 220 GiB).')
@allowed([
  'Consumption-GPU-NC8as-T4'
  'Consumption-GPU-NC24-A100'
])
param gpuWorkloadProfileType string = 'Consumption-GPU-NC8as-T4'

@description('Optional. Worker image (set by azd as SERVICE_WORKER_IMAGE_NAME after the first deploy); empty keeps a public placeholder.')
param workerImageName string = ''

@description('Optional. SHA-256 (hex) of the Silero VAD model uploaded to the models container as silero_vad_v5.onnx. The worker takes model digests from its configuration, never from the container it can read, and refuses a model without one. The default is the v5 release file.')
@minLength(64)
@maxLength(64)
param vadModelSha256 string = '2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f'

@description('Optional. Most worker executions at once, that is GPUs in use at once.')
@minValue(1)
@maxValue(100)
param workerMaxExecutions int = 4

@description('Optional. Seconds a worker execution may run.')
@minValue(60)
@maxValue(86400)
param workerReplicaTimeoutSeconds int = 3600

@description('Optional. Most function app instances.')
@minValue(40)
@maxValue(1000)
param functionMaximumInstanceCount int = 100

@description('Optional. Memory of each function app instance in MB.')
@allowed([
  512
  2048
  4096
])
param functionInstanceMemoryMB int = 2048

@description('Optional. Replication of the storage account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSkuName string = 'Standard_LRS'

@description('Optional. Azure OpenAI endpoint, e.g. https://my-openai.openai.azure.com/ (empty: the app uses its other providers).')
param azureOpenAiEndpoint string = ''

@description('Optional. Azure OpenAI API key, stored in Key Vault (empty: leaves any stored value as it is).')
@secure()
param azureOpenAiApiKey string = ''

@description('Optional. Key that signs the API\'s access tokens (HS256, at least 32 bytes), stored in Key Vault (the azd preprovision hook generates one per environment; empty leaves the stored value alone).')
@secure()
param jwtSigningKey string = ''

@description('Optional. Create the Event Grid subscriptions that feed the incoming container to the IncomingScript function and incoming-footage to IncomingFootage. Needs the app code deployed first (the blobs extension key exists only then); the azd postdeploy hook turns it on.')
param deployIncomingEventSubscription bool = false

@description('Optional. Enable Key Vault purge protection (recommended in production; irreversible).')
param keyVaultPurgeProtection bool = false

@description('Optional. Location of the studio\'s static web app (Static Web Apps run in a few regions only).')
@allowed([
  'centralus'
  'eastus2'
  'eastasia'
  'westeurope'
  'westus2'
])
param studioLocation string = 'westeurope'

// ---------------------------------------------------------------------------------------------------------------------
// Names and constants
// ---------------------------------------------------------------------------------------------------------------------

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, location, environmentName))

// Names are computed here (not read from module outputs) so that What-If can predict every resource.
var names = {
  apiIdentity: '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
  workerIdentity: '${abbrs.managedIdentityUserAssignedIdentities}worker-${resourceToken}'
  logAnalytics: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
  applicationInsights: '${abbrs.insightsComponents}${resourceToken}'
  storage: '${abbrs.storageStorageAccounts}${resourceToken}'
  cosmos: '${abbrs.documentDBDatabaseAccounts}${resourceToken}'
  serviceBus: '${abbrs.serviceBusNamespaces}${resourceToken}'
  keyVault: '${abbrs.keyVaultVaults}${resourceToken}'
  registry: '${abbrs.containerRegistryRegistries}${resourceToken}'
  functionApp: '${abbrs.webSitesFunctions}api-${resourceToken}'
  functionPlan: '${abbrs.webServerFarms}${resourceToken}'
  containerAppsEnvironment: '${abbrs.appManagedEnvironments}${resourceToken}'
  workerJob: '${abbrs.appJobs}worker-${take(resourceToken, 8)}'
  storageEventsTopic: '${abbrs.eventGridDomainsTopics}storage-${resourceToken}'
  studio: 'stapp-studio-${resourceToken}'
}
var tags = {
  'azd-env-name': environmentName
}

var apiServiceName = 'api'
var workerServiceName = 'worker'

// Durable Functions' task hub (Durable Task Framework, Azure Storage provider) in the app's storage account, reached
// through the `Storage` connection (host.json extensions.durableTask: hubName %Durable:TaskHub%, storageProvider
// connectionName "Storage", partitionCount 4). The names below are the ones the provider derives from the hub name
// 'studio' with 4 partitions: a control queue per partition and one work-item queue, the instances, history and
// partitions tables, and the lease, app-lease and large-message containers. The provider creates whatever is missing
// with the app identity's data-plane rights; declaring them keeps the inventory visible and deletion deliberate.
var taskHubName = 'studio'
// Must equal host.json's extensions.durableTask.storageProvider.partitionCount (an Infra test compares them): the
// app's own DurableTaskClient (Durable:PartitionCount) and the host must see the same hub.
var taskHubPartitionCount = 4
var taskHubQueues = [
  'studio-control-00'
  'studio-control-01'
  'studio-control-02'
  'studio-control-03'
  'studio-workitems'
]
var taskHubTables = [
  'studioInstances'
  'studioHistory'
  'studioPartitions'
]
var taskHubContainers = [
  'studio-leases'
  'studio-applease'
  'studio-largemessages'
]
var deploymentContainerName = 'app-package'
var blobContainers = [
  'scripts'
  'assets'
  'renders'
  'incoming'
  // Footage dropped under {user_id}/ to be analyzed; it stays there as its footage's source (Studio IncomingFootageProcessor).
  'incoming-footage'
  // Uploaded footage, its analysis and its clips, under {user}/{footage}/ (Studio FootageBlobs).
  'footage'
  'catalog'
  'models'
  // Records of the jobs orchestrations issued, which results are checked against (Studio IssuedJobs).
  'jobs'
  // The data protection key ring that encrypts users' provider keys (Studio BlobKeyRing); the app's identity only.
  'dataprotection'
  // Paid provider results by SHA-256 of the request, per user (Studio ProviderCache).
  'provider-cache'
  deploymentContainerName
]
var incomingContainerName = 'incoming'
var incomingFunctionName = 'IncomingScript'
var incomingFootageContainerName = 'incoming-footage'
var incomingFootageFunctionName = 'IncomingFootage'

var renderQueueName = 'render-jobs'
// Transport:Kind of the app (ServiceBusSender) and the worker (ServiceBusProcessor), both on the namespace with their identity.
var jobTransportKind = 'service-bus'
var serviceBusNamespaceHost = '${names.serviceBus}.servicebus.windows.net'
// Workers report progress and results on this storage queue; the function app's queue trigger takes them.
var resultsQueueName = 'render-results'
var inferenceQueueName = 'inference-jobs'
// Footage analyses and clip renders (Contracts Queues.FootageJobs): the app's Footage:JobQueue, the worker's Worker:FootageQueue.
var footageQueueName = 'footage-jobs'
// The worker settles a job that keeps failing itself after Worker:MaxDeliveries deliveries (reports it failed and
// dead-letters it with its reason). Service Bus counts every delivery, a lock lost or a shutdown's abandon included,
// so its own bound is larger: the broker dead-letters only what the worker never got to settle.
var workerMaxDeliveries = 5
var jobQueueMaxDeliveryCount = 10

var cosmosDatabaseName = 'studio'
// Exactly the app's StudioContainers.Documents (an Infra test compares them): the app's identity has data-plane
// rights only, so it cannot create a container Azure does not already have.
var cosmosContainers = [
  { name: 'projects', partitionKeyPath: '/userId' }
  { name: 'storyboards', partitionKeyPath: '/projectId' }
  { name: 'tasks', partitionKeyPath: '/projectId' }
  { name: 'webhooks', partitionKeyPath: '/userId' }
  { name: 'webhookDeliveries', partitionKeyPath: '/webhookId' }
  { name: 'uploads', partitionKeyPath: '/userId' }
  { name: 'catalog', partitionKeyPath: '/kind' }
  { name: 'users', partitionKeyPath: '/id' }
  { name: 'emails', partitionKeyPath: '/id' }
  { name: 'sessions', partitionKeyPath: '/id' }
  { name: 'apiKeys', partitionKeyPath: '/userId' }
  { name: 'apiKeyDigests', partitionKeyPath: '/id' }
  { name: 'usage', partitionKeyPath: '/userId' }
  { name: 'characters', partitionKeyPath: '/projectId' }
  { name: 'providers', partitionKeyPath: '/userId' }
  { name: 'ledger', partitionKeyPath: '/userId' }
  { name: 'assets', partitionKeyPath: '/projectId' }
  { name: 'productCatalogs', partitionKeyPath: '/userId' }
  { name: 'products', partitionKeyPath: '/userId' }
  { name: 'catalogSources', partitionKeyPath: '/kind' }
  { name: 'catalogVideos', partitionKeyPath: '/userId' }
  { name: 'adResults', partitionKeyPath: '/userId' }
  { name: 'videoTemplates', partitionKeyPath: '/userId' }
  { name: 'footage', partitionKeyPath: '/userId' }
  { name: 'conversations', partitionKeyPath: '/userId' }
  { name: 'images', partitionKeyPath: '/userId' }
]

var secretNames = {
  azureOpenAiApiKey: 'azure-openai-api-key'
  jwtSigningKey: 'jwt-signing-key'
}

var gpuSizes = {
  'Consumption-GPU-NC8as-T4': {
    cpu: 8
    memory: '56Gi'
  }
  'Consumption-GPU-NC24-A100': {
    cpu: 24
    memory: '220Gi'
  }
}

// Built-in role definition IDs.
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageBlobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageQueueDataMessageSender: 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
  serviceBusDataOwner: '090c5cfd-751d-490a-894a-3ce6f1109419'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

// ---------------------------------------------------------------------------------------------------------------------
// Identities, monitoring, data
// ---------------------------------------------------------------------------------------------------------------------

module apiIdentity 'modules/identity.bicep' = {
  name: 'identity-api'
  params: {
    name: names.apiIdentity
    location: location
    tags: tags
  }
}

module workerIdentity 'modules/identity.bicep' = {
  name: 'identity-worker'
  params: {
    name: names.workerIdentity
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: names.storage
    location: location
    tags: tags
    skuName: storageSkuName
    containerNames: concat(blobContainers, taskHubContainers)
    queueNames: concat(taskHubQueues, [resultsQueueName])
    tableNames: taskHubTables
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    name: names.cosmos
    location: location
    tags: tags
    databaseName: cosmosDatabaseName
    containers: cosmosContainers
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'servicebus'
  params: {
    name: names.serviceBus
    location: location
    tags: tags
    queues: [
      {
        // A render takes minutes: the lock is the 5-minute maximum and the worker renews it while ffmpeg runs.
        // The worker gives up after workerMaxDeliveries; the broker's bound leaves room above that (see above).
        name: renderQueueName
        lockDuration: 'PT5M'
        maxDeliveryCount: jobQueueMaxDeliveryCount
        defaultMessageTimeToLive: 'P1D'
      }
      {
        name: inferenceQueueName
        lockDuration: 'PT2M'
        maxDeliveryCount: jobQueueMaxDeliveryCount
        defaultMessageTimeToLive: 'P1D'
      }
      {
        // An analysis decodes a whole recording: minutes, under a renewed lock as renders are.
        name: footageQueueName
        lockDuration: 'PT5M'
        maxDeliveryCount: jobQueueMaxDeliveryCount
        defaultMessageTimeToLive: 'P1D'
      }
    ]
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: names.keyVault
    location: location
    tags: tags
    enablePurgeProtection: keyVaultPurgeProtection
    secrets: {
      '${secretNames.azureOpenAiApiKey}': azureOpenAiApiKey
      '${secretNames.jwtSigningKey}': jwtSigningKey
    }
  }
}

module registry 'modules/registry.bicep' = {
  name: 'registry'
  params: {
    name: names.registry
    location: location
    tags: tags
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Role assignments: each identity gets what its app needs, nothing at subscription or resource-group scope.
// ---------------------------------------------------------------------------------------------------------------------

module apiStorageRoles 'modules/storage-role-assignments.bicep' = {
  name: 'roles-api-storage'
  params: {
    storageAccountName: names.storage
    // The guid(scope, principalId, role) name needs the principal ID, known only at deployment time.
    #disable-next-line what-if-short-circuiting
    principalId: apiIdentity.outputs.principalId
    roleDefinitionIds: [
      roles.storageBlobDataOwner // host and task hub leases, large messages, the deployment package, studio containers
      roles.storageQueueDataContributor // task hub control and work-item queues, the render-results queue trigger
      roles.storageTableDataContributor // task hub instances, history and partitions tables
    ]
  }
}

module workerStorageRoles 'modules/storage-role-assignments.bicep' = {
  name: 'roles-worker-storage'
  params: {
    storageAccountName: names.storage
    // The guid(scope, principalId, role) name needs the principal ID, known only at deployment time.
    #disable-next-line what-if-short-circuiting
    principalId: workerIdentity.outputs.principalId
    roleDefinitionIds: [
      // Sends results on render-results; it reads or deletes nothing there, and has no table rights. Its blob rights
      // are per container (below): none on scripts, incoming, the task hub's or the deployment package's containers.
      roles.storageQueueDataMessageSender
    ]
  }
}

// The worker reads shots and voices and writes renders and inference outputs (assets, renders); it only reads music
// and sound effects (catalog), models and the ended markers of jobs (jobs).
module workerAssetsBlobRoles 'modules/storage-container-role-assignments.bicep' = {
  name: 'roles-worker-blob-assets'
  dependsOn: [storage]
  params: {
    storageAccountName: names.storage
    containerName: 'assets'
    // The guid(scope, principalId, role) name needs the principal ID, known only at deployment time.
    #disable-next-line what-if-short-circuiting
    principalId: workerIdentity.outputs.principalId
    roleDefinitionIds: [roles.storageBlobDataContributor]
  }
}

module workerRendersBlobRoles 'modules/storage-container-role-assignments.bicep' = {
  name: 'roles-worker-blob-renders'
  dependsOn: [storage]
  params: {
    storageAccountName: names.storage
    containerName: 'renders'
    // The guid(scope, principalId, role) name needs the principal ID, known only at deployment time.
    #disable-next-line what-if-short-circuiting
    principalId: workerIdentity.outputs.principalId
    roleDefinitionIds: [roles.storageBlobDataContributor]
  }
}

// The worker reads uploaded footage and writes its analysis and clips beside it.
module workerFootageBlobRoles 'modules/storage-container-role-assignments.bicep' = {
  name: 'roles-worker-blob-footage'
  dependsOn: [storage]
  params: {
    storageAccountName: names.storage
    containerName: 'footage'
    // The guid(scope, principalId, role) name needs the principal ID, known only at deployment time.
    #disable-next-line what-if-short-circuiting
    principalId: workerIdentity.outputs.principalId
    roleDefinitionIds: [roles.storageBlobDataContributor]
  }
}

// A dropped footage is analyzed where it lies: the worker reads it, and writes nothing there.
module workerIncomingFootageBlobRoles 'modules/storage-container-role-assignments.bicep' = {
  name: 'roles-worker-blob-incoming-footage'
  dependsOn: [storage]
  params: {
    storageAccountName: names.storage
    containerName: incomingFootageContainerName
    // The guid(scope, principalId, role) name needs the principal ID, known only at deployment time.
    #disable-next-line what-if-short-circuiting
    principalId: workerIdentity.outputs.principalId
    roleDefinitionIds: [roles.storageBlobDataReader]
  }
}

module workerCatalogBlobRoles 'modules/storage-container-role-assignments.bicep' = {
  name: 'roles-worker-blob-catalog'
  dependsOn: [storage]
  params: {
    storageAccountName: names.storage
    containerName: 'catalog'
    // The guid(scope, principalId, role) name needs the principal ID, known only at deployment time.
    #disable-next-line what-if-short-circuiting
    principalId: workerIdentity.outputs.principalId
    roleDefinitionIds: [roles.storageBlobDataReader]
  }
}

module workerModelsBlobRoles 'modules/storage-container-role-assignments.bicep' = {
  name: 'roles-worker-blob-models'
  dependsOn: [storage]
  params: {
    storageAccountName: names.storage
    containerName: 'models'
    // The guid(scope, principalId, role) name needs the principal ID, known only at deployment time.
    #disable-next-line what-if-short-circuiting
    principalId: workerIdentity.outputs.principalId
    roleDefinitionIds: [roles.storageBlobDataReader]
  }
}

module workerJobsBlobRoles 'modules/storage-container-role-assignments.bicep' = {
  name: 'roles-worker-blob-jobs'
  dependsOn: [storage]
  params: {
    storageAccountName: names.storage
    containerName: 'jobs'
    // The guid(scope, principalId, role) name needs the principal ID, known only at deployment time.
    #disable-next-line what-if-short-circuiting
    principalId: workerIdentity.outputs.principalId
    roleDefinitionIds: [roles.storageBlobDataReader]
  }
}

module apiCosmosRole 'modules/cosmos-role-assignments.bicep' = {
  name: 'roles-api-cosmos'
  params: {
    accountName: names.cosmos
    // The guid(scope, principalId, role) name needs the principal ID, known only at deployment time.
    #disable-next-line what-if-short-circuiting
    principalId: apiIdentity.outputs.principalId
  }
}

module apiRenderQueueRoles 'modules/servicebus-queue-role-assignments.bicep' = {
  name: 'roles-api-render-queue'
  params: {
    namespaceName: names.serviceBus
    queueName: renderQueueName
    // The guid(scope, principalId, role) name needs the principal ID, known only at deployment time.
    #disable-next-line what-if-short-circuiting
    principalId: apiIdentity.outputs.principalId
    roleDefinitionIds: [
      roles.serviceBusDataSender
    ]
  }
}

module apiInferenceQueueRoles 'modules/servicebus-queue-role-assignments.bicep' = {
  name: 'roles-api-inference-queue'
  params: {
    namespaceName: names.serviceBus
    queueName: inferenceQueueName
    // The guid(scope, principalId, role) name needs the principal ID, known only at deployment time.
    #disable-next-line what-if-short-circuiting
    principalId: apiIdentity.outputs.principalId
    roleDefinitionIds: [
      roles.serviceBusDataSender
    ]
  }
}

module apiFootageQueueRoles 'modules/servicebus-queue-role-assignments.bicep' = {
  name: 'roles-api-footage-queue'
  params: {
    namespaceName: names.serviceBus
    queueName: footageQueueName
    // The guid(scope, principalId, role) name needs the principal ID, known only at deployment time.
    #disable-next-line what-if-short-circuiting
    principalId: apiIdentity.outputs.principalId
    roleDefinitionIds: [
      roles.serviceBusDataSender
    ]
  }
}

module workerFootageQueueRoles 'modules/servicebus-queue-role-assignments.bicep' = {
  name: 'roles-worker-footage-queue'
  params: {
    namespaceName: names.serviceBus
    queueName: footageQueueName
    // The guid(scope, principalId, role) name needs the principal ID, known only at deployment time.
    #disable-next-line what-if-short-circuiting
    principalId: workerIdentity.outputs.principalId
    roleDefinitionIds: [
      roles.serviceBusDataReceiver
    ]
  }
}

module workerRenderQueueRoles 'modules/servicebus-queue-role-assignments.bicep' = {
  name: 'roles-worker-render-queue'
  params: {
    namespaceName: names.serviceBus
    queueName: renderQueueName
    // The guid(scope, principalId, role) name needs the principal ID, known only at deployment time.
    #disable-next-line what-if-short-circuiting
    principalId: workerIdentity.outputs.principalId
    roleDefinitionIds: [
      // The KEDA scaler reads the queue's message count through the management (runtime properties) API, which
      // needs the Manage right that only Data Owner grants; scoped to this one queue. It also covers receiving.
      roles.serviceBusDataOwner
    ]
  }
}

module workerInferenceQueueRoles 'modules/servicebus-queue-role-assignments.bicep' = {
  name: 'roles-worker-inference-queue'
  params: {
    namespaceName: names.serviceBus
    queueName: inferenceQueueName
    // The guid(scope, principalId, role) name needs the principal ID, known only at deployment time.
    #disable-next-line what-if-short-circuiting
    principalId: workerIdentity.outputs.principalId
    roleDefinitionIds: [
      roles.serviceBusDataReceiver
    ]
  }
}

module apiKeyVaultRoles 'modules/keyvault-role-assignments.bicep' = {
  name: 'roles-api-keyvault'
  params: {
    keyVaultName: names.keyVault
    // The guid(scope, principalId, role) name needs the principal ID, known only at deployment time.
    #disable-next-line what-if-short-circuiting
    principalId: apiIdentity.outputs.principalId
    roleDefinitionIds: [
      roles.keyVaultSecretsUser
    ]
  }
}

module workerRegistryRoles 'modules/registry-role-assignments.bicep' = {
  name: 'roles-worker-registry'
  params: {
    registryName: names.registry
    // The guid(scope, principalId, role) name needs the principal ID, known only at deployment time.
    #disable-next-line what-if-short-circuiting
    principalId: workerIdentity.outputs.principalId
    roleDefinitionIds: [
      roles.acrPull
    ]
  }
}

module apiMonitoringRoles 'modules/appinsights-role-assignments.bicep' = {
  name: 'roles-api-monitoring'
  params: {
    applicationInsightsName: names.applicationInsights
    // The guid(scope, principalId, role) name needs the principal ID, known only at deployment time.
    #disable-next-line what-if-short-circuiting
    principalId: apiIdentity.outputs.principalId
    roleDefinitionIds: [
      roles.monitoringMetricsPublisher
    ]
  }
}

module workerMonitoringRoles 'modules/appinsights-role-assignments.bicep' = {
  name: 'roles-worker-monitoring'
  params: {
    applicationInsightsName: names.applicationInsights
    // The guid(scope, principalId, role) name needs the principal ID, known only at deployment time.
    #disable-next-line what-if-short-circuiting
    principalId: workerIdentity.outputs.principalId
    roleDefinitionIds: [
      roles.monitoringMetricsPublisher
    ]
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Function app (.NET isolated worker on Flex Consumption)
// ---------------------------------------------------------------------------------------------------------------------

// App settings of the form @Microsoft.KeyVault(SecretUri=...) resolve through the app identity (keyVaultReferenceIdentity).
var keyVaultSecretUriPrefix = 'https://${names.keyVault}${environment().suffixes.keyvaultDns}/secrets/'

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  params: {
    name: names.functionApp
    planName: names.functionPlan
    location: location
    tags: tags
    appTags: union(tags, {
      'azd-service-name': apiServiceName
    })
    identityResourceId: apiIdentity.outputs.resourceId
    deploymentContainerUrl: '${storage.outputs.blobEndpoint}${deploymentContainerName}'
    maximumInstanceCount: functionMaximumInstanceCount
    instanceMemoryMB: functionInstanceMemoryMB
    // FUNCTIONS_WORKER_RUNTIME=dotnet-isolated comes from functionAppConfig.runtime on Flex Consumption (not an app setting).
    appSettings: {
      // Host storage through the identity: account name + credential, no AzureWebJobsStorage connection string.
      AzureWebJobsStorage__accountName: names.storage
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: apiIdentity.outputs.clientId
      AZURE_CLIENT_ID: apiIdentity.outputs.clientId
      APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.applicationInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${apiIdentity.outputs.clientId};Authorization=AAD'
      // The `Storage` connection, read twice: the app binds Storage:BlobServiceUri/QueueServiceUri/TableServiceUri
      // (StorageOptions; its DurableTaskClient reaches the task hub with them), and the Functions host takes the same
      // keys (configuration keys are case-insensitive: Storage__blobServiceUri ...) plus credential and clientId as
      // the identity-based connection of Connection = "Storage" triggers and of Durable Functions' storage provider.
      // One key per endpoint: App Service setting names are case-insensitive, so a second spelling would collide.
      // The host looks a connection name up as AzureWebJobs<name> first, so Connection = "Storage" may resolve to the
      // AzureWebJobsStorage__* section: same account, same identity (an Infra test keeps the two alike).
      Storage__BlobServiceUri: storage.outputs.blobEndpoint
      Storage__QueueServiceUri: storage.outputs.queueEndpoint
      Storage__TableServiceUri: storage.outputs.tableEndpoint
      Storage__credential: 'managedidentity'
      Storage__clientId: apiIdentity.outputs.clientId
      Cosmos__Endpoint: cosmos.outputs.endpoint
      Cosmos__Database: cosmosDatabaseName
      // Render jobs go to Service Bus, signed in as the app identity (AZURE_CLIENT_ID); the worker reads the same
      // transport settings. Studio__PublicBaseUrl is added by the module from the app's host name.
      Transport__Kind: jobTransportKind
      Transport__ServiceBus__FullyQualifiedNamespace: serviceBusNamespaceHost
      Studio__RenderQueue: renderQueueName
      // RenderResults' trigger reads its queue as %Studio:ResultsQueue%; the host resolves it from this setting.
      Studio__ResultsQueue: resultsQueueName
      Footage__JobQueue: footageQueueName
      // host.json's hubName is %Durable:TaskHub%: the host and the app's DurableTaskClient read the same hub name.
      Durable__TaskHub: taskHubName
      Durable__PartitionCount: string(taskHubPartitionCount)
      // The catalog refresh's timer trigger names its schedule as %Catalog:Schedule%; the host resolves it from here.
      Catalog__Schedule: '0 */30 * * * *'
      AzureOpenAI__Endpoint: azureOpenAiEndpoint
      AzureOpenAI__ApiKey: '@Microsoft.KeyVault(SecretUri=${keyVaultSecretUriPrefix}${secretNames.azureOpenAiApiKey}/)'
      Auth__Jwt__SigningKey: '@Microsoft.KeyVault(SecretUri=${keyVaultSecretUriPrefix}${secretNames.jwtSigningKey}/)'
    }
  }
  dependsOn: [
    // The host needs its storage, vault and telemetry rights before it starts.
    apiStorageRoles
    apiKeyVaultRoles
    apiMonitoringRoles
  ]
}

// ---------------------------------------------------------------------------------------------------------------------
// Worker: Container Apps environment with a serverless GPU profile and an event-driven job
// ---------------------------------------------------------------------------------------------------------------------

// The studio in the browser: static files, with /api/* sent to the function app (linked backend).
module studio 'modules/static-web-app.bicep' = {
  name: 'studio'
  params: {
    name: names.studio
    location: studioLocation
    tags: union(tags, {
      'azd-service-name': 'studio'
    })
    functionAppResourceId: functionApp.outputs.resourceId
    functionAppLocation: location
  }
}

module containerAppsEnvironment 'modules/container-apps-environment.bicep' = {
  name: 'container-apps-environment'
  params: {
    name: names.containerAppsEnvironment
    location: location
    tags: tags
    logAnalyticsWorkspaceName: names.logAnalytics
    gpuWorkloadProfileType: gpuWorkloadProfileType
  }
}

module workerJob 'modules/worker-job.bicep' = {
  name: 'worker-job'
  params: {
    name: names.workerJob
    location: location
    tags: union(tags, {
      'azd-service-name': workerServiceName
    })
    environmentId: containerAppsEnvironment.outputs.resourceId
    workloadProfileName: containerAppsEnvironment.outputs.gpuWorkloadProfileName
    identityResourceId: workerIdentity.outputs.resourceId
    identityClientId: workerIdentity.outputs.clientId
    registryLoginServer: registry.outputs.loginServer
    image: empty(workerImageName) ? 'mcr.microsoft.com/k8se/quickstart-jobs:latest' : workerImageName
    serviceBusNamespaceName: names.serviceBus
    queueName: renderQueueName
    maxExecutions: workerMaxExecutions
    replicaTimeoutSeconds: workerReplicaTimeoutSeconds
    cpu: gpuSizes[gpuWorkloadProfileType].cpu
    memory: gpuSizes[gpuWorkloadProfileType].memory
    environmentVariables: [
      // Storage through the worker identity (AZURE_CLIENT_ID, set by the module): blobs, and the render-results
      // queue it reports on; jobs come over Service Bus.
      { name: 'Storage__BlobServiceUri', value: storage.outputs.blobEndpoint }
      { name: 'Storage__QueueServiceUri', value: storage.outputs.queueEndpoint }
      { name: 'Transport__Kind', value: jobTransportKind }
      { name: 'Transport__ServiceBus__FullyQualifiedNamespace', value: serviceBusNamespaceHost }
      { name: 'Worker__Queue', value: renderQueueName }
      { name: 'Worker__InferenceQueue', value: inferenceQueueName }
      { name: 'Worker__FootageQueue', value: footageQueueName }
      { name: 'Inference__ModelDigests__silero_vad_v5', value: vadModelSha256 }
      { name: 'Worker__MaxConcurrentJobs', value: '1' }
      { name: 'Worker__ResultsQueue', value: resultsQueueName }
      { name: 'Worker__MaxDeliveries', value: string(workerMaxDeliveries) }
      // KEDA starts one execution per waiting message: each ends once its queues stay empty instead of polling (and
      // billing GPU time) until the replica timeout.
      { name: 'Worker__ExitWhenIdle', value: 'true' }
      { name: 'Worker__IdleGrace', value: '00:00:30' }
    ]
  }
  dependsOn: [
    // The first execution pulls the image and reads the queue: the rights must exist before the job does.
    workerRegistryRoles
    workerRenderQueueRoles
  ]
}

// ---------------------------------------------------------------------------------------------------------------------
// Event Grid: blobs created in `incoming` start a video, in `incoming-footage` an analysis (blob triggers with Event Grid source)
// ---------------------------------------------------------------------------------------------------------------------

module storageEvents 'modules/eventgrid-system-topic.bicep' = {
  name: 'eventgrid-storage-topic'
  params: {
    name: names.storageEventsTopic
    location: location
    tags: tags
    storageAccountName: names.storage
  }
}

module incomingSubscription 'modules/eventgrid-blob-subscription.bicep' = if (deployIncomingEventSubscription) {
  name: 'eventgrid-incoming-subscription'
  params: {
    name: '${abbrs.eventGridEventSubscriptions}${incomingContainerName}'
    systemTopicName: names.storageEventsTopic
    functionAppName: names.functionApp
    functionName: incomingFunctionName
    containerName: incomingContainerName
  }
}

module incomingFootageSubscription 'modules/eventgrid-blob-subscription.bicep' = if (deployIncomingEventSubscription) {
  name: 'eventgrid-incoming-footage-subscription'
  params: {
    name: '${abbrs.eventGridEventSubscriptions}${incomingFootageContainerName}'
    systemTopicName: names.storageEventsTopic
    functionAppName: names.functionApp
    functionName: incomingFootageFunctionName
    containerName: incomingFootageContainerName
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Outputs (azd stores them in .azure/<env>/.env). No secrets.
// ---------------------------------------------------------------------------------------------------------------------

@description('Location of the resources.')
output AZURE_LOCATION string = location

@description('Tenant of the deployment.')
output AZURE_TENANT_ID string = subscription().tenantId

@description('Resource group of the deployment.')
output AZURE_RESOURCE_GROUP string = resourceGroup().name

@description('Login server azd pushes the worker image to.')
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.outputs.loginServer

@description('Name of the container registry.')
output AZURE_CONTAINER_REGISTRY_NAME string = registry.outputs.name

@description('Name of the Container Apps environment.')
output AZURE_CONTAINER_APPS_ENVIRONMENT_NAME string = containerAppsEnvironment.outputs.name

@description('Name of the Key Vault.')
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name

@description('URI of the Key Vault.')
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri

@description('Name of the function app.')
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name

@description('Base URL of the HTTP API.')
output SERVICE_API_URI string = functionApp.outputs.uri

@description('Address of the studio in the browser.')
output SERVICE_STUDIO_URI string = studio.outputs.uri

@description('Name of the worker job.')
output SERVICE_WORKER_JOB_NAME string = workerJob.outputs.name

@description('Name of the storage account.')
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name

@description('Blob endpoint (Storage__BlobServiceUri).')
output STORAGE_BLOB_SERVICE_URI string = storage.outputs.blobEndpoint

@description('Queue endpoint (Storage__QueueServiceUri).')
output STORAGE_QUEUE_SERVICE_URI string = storage.outputs.queueEndpoint

@description('Table endpoint (Storage__TableServiceUri).')
output STORAGE_TABLE_SERVICE_URI string = storage.outputs.tableEndpoint

@description('Cosmos DB endpoint (Cosmos__Endpoint).')
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint

@description('Service Bus namespace (Transport__ServiceBus__FullyQualifiedNamespace).')
output SERVICE_BUS_FULLY_QUALIFIED_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace

@description('Client ID of the function app identity.')
output AZURE_API_IDENTITY_CLIENT_ID string = apiIdentity.outputs.clientId

@description('Client ID of the worker identity.')
output AZURE_WORKER_IDENTITY_CLIENT_ID string = workerIdentity.outputs.clientId

@description('Application Insights connection string (not a secret: ingestion needs Entra ID).')
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.applicationInsightsConnectionString

@description('Name of the storage Event Grid system topic.')
output AZURE_STORAGE_EVENTS_TOPIC_NAME string = storageEvents.outputs.name
