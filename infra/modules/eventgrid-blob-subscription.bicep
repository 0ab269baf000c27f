metadata name = 'Blob-created subscription to a function'
metadata description = 'Event Grid subscription on a storage system topic that delivers BlobCreated events of one container to a blob-triggered function (Event Grid source) through the Functions blobs extension webhook.'

// The webhook needs the app's `blobs_extension` system key, which exists only once the host has loaded a function
// with an Event Grid-sourced blob trigger, that is after the code is deployed. main.bicep therefore deploys this
// module only when `deployIncomingEventSubscription` is true; the azd postdeploy hook sets it and provisions again.

@description('Required. Name of the subscription.')
@minLength(3)
@maxLength(64)
param name string

@description('Required. Name of the storage system topic.')
param systemTopicName string

@description('Required. Name of the function app.')
param functionAppName string

@description('Required. Name of the blob-triggered function (Event Grid source).')
param functionName string

@description('Required. Blob container whose new blobs are delivered.')
param containerName string

@description('Optional. Delivery attempts before an event is dropped.')
@minValue(1)
@maxValue(30)
param maxDeliveryAttempts int = 30

@description('Optional. Minutes an undelivered event is retried.')
@minValue(1)
@maxValue(1440)
param eventTimeToLiveInMinutes int = 1440

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

resource app 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

resource subscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: topic
  name: name
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${app.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${functionName}&code=${listKeys('${app.id}/host/default', '2025-03-01').systemKeys.blobs_extension}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      subjectBeginsWith: '/blobServices/default/containers/${containerName}/'
      enableAdvancedFilteringOnArrays: true
    }
    retryPolicy: {
      maxDeliveryAttempts: maxDeliveryAttempts
      eventTimeToLiveInMinutes: eventTimeToLiveInMinutes
    }
  }
}

@description('The resource ID of the subscription.')
output resourceId string = subscription.id
